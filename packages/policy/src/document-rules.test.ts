import { applyCode, removeCoding } from "@concord/anchoring";
import type { RoundFacts } from "@concord/schema";
import {
  createCode,
  MAX_CODE_DEPTH,
  MAX_CODES,
  memoFragment,
  memoSchema,
  mergeCode,
  moveCode,
  projectCodes,
  projectMeta,
  seedTranscriptUpdate,
  transcriptCodings,
  transcriptContent,
  updateCode,
  writeCoding,
} from "@concord/schema";
import { readUpdateChanges } from "@concord/sync";
import { craftStructs } from "@concord/sync/testing";
import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import {
  type LayerTarget,
  reviewLayerUpdate,
  reviewProjectUpdate,
  reviewTranscriptUpdate,
  type Writer,
} from "./document-rules";

const owner: Writer = { userId: "owner", role: "owner", codebookLocked: false };
const coder: Writer = { userId: "coder", role: "coder", codebookLocked: false };
const colleague: Writer = { userId: "colleague", role: "coder", codebookLocked: false };
const NOW = Date.now();

/** A transcript as the server holds it: seeded, with one coding by `colleague`. */
function transcript(): { doc: Y.Doc; colleaguesCoding: string } {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    seedTranscriptUpdate([
      { kind: "turn", speaker: "Interviewer", text: "How is co-production understood here?" },
      { kind: "turn", speaker: "Chief Officer", text: "As a shared commitment, mostly on paper." },
    ]),
  );
  const colleaguesCoding = applyCode(doc, doc, { start: 0, end: 10 }, "codeA", "colleague");
  return { doc, colleaguesCoding };
}

/** What `edit`, made in a client's copy of `server`, would change there. */
function changesOf(server: Y.Doc, edit: (client: Y.Doc) => void) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return readUpdateChanges(server, Y.encodeStateAsUpdate(client, before));
}

function transcriptVerdict(server: Y.Doc, writer: Writer, edit: (client: Y.Doc) => void) {
  return reviewTranscriptUpdate(changesOf(server, edit), writer, NOW);
}

describe("a transcript's rules", () => {
  it("let a coder code a passage as themselves, and not in anyone else's name", () => {
    const { doc } = transcript();
    expect(
      transcriptVerdict(doc, coder, (c) => applyCode(c, c, { start: 3, end: 9 }, "codeA", "coder")),
    ).toEqual({
      accepted: true,
      effects: [],
    });
    const forged = transcriptVerdict(doc, coder, (c) =>
      applyCode(c, c, { start: 3, end: 9 }, "codeA", "owner"),
    );
    expect(forged).toEqual({ accepted: false, reason: "a coding in someone else's name" });
  });

  it("let only its coder remove or change a coding, and owners remove anyone's, as a recorded effect", () => {
    const { doc, colleaguesCoding } = transcript();
    expect(transcriptVerdict(doc, coder, (c) => removeCoding(c, colleaguesCoding))).toMatchObject({
      accepted: false,
      reason: "only its coder or an owner removes a coding",
    });
    expect(transcriptVerdict(doc, colleague, (c) => removeCoding(c, colleaguesCoding))).toEqual({
      accepted: true,
      effects: [],
    });
    expect(transcriptVerdict(doc, owner, (c) => removeCoding(c, colleaguesCoding))).toEqual({
      accepted: true,
      effects: [
        {
          kind: "coding-removed",
          codingId: colleaguesCoding,
          coderId: "colleague",
          codeId: "codeA",
          quote: "How is co-",
          removedBy: "owner",
        },
      ],
    });
    const rewritten = transcriptVerdict(doc, coder, (c) => {
      const coding = JSON.parse(transcriptCodings(c).get(colleaguesCoding) as string);
      writeCoding(c, colleaguesCoding, { ...coding, coderId: "coder" });
    });
    expect(rewritten).toMatchObject({ accepted: false, reason: "only its coder changes a coding" });
  });

  it("refuse codings of the wrong shape", () => {
    const { doc } = transcript();
    const cases: [unknown, string][] = [
      [{ codeId: "a", coderId: "coder" }, "a coding is stored as its JSON text"],
      ["not json", "a coding that is not JSON"],
      [
        JSON.stringify({ codeId: "a", coderId: "coder", createdAt: NOW }),
        "a coding's anchor does not hold two positions",
      ],
      [
        JSON.stringify({
          codeId: "a",
          coderId: "coder",
          createdAt: NOW,
          anchor: { start: "!!", end: "!!", quote: {} },
        }),
        "a coding's anchor does not hold two positions",
      ],
      [JSON.stringify({ codeId: "a b", coderId: "coder" }), "a coding's code is not an id"],
      [JSON.stringify({ codeId: "a", coderId: "coder", extra: 1 }), 'a coding has no "extra"'],
    ];
    for (const [value, reason] of cases) {
      expect(transcriptVerdict(doc, coder, (c) => transcriptCodings(c).set("x1", value as string))).toEqual({
        accepted: false,
        reason,
      });
    }
    expect(
      transcriptVerdict(doc, coder, (c) => c.getMap("codings").set("nested", new Y.Map())),
    ).toMatchObject({
      accepted: false,
    });
  });

  it("let owners alone correct the text, in the transcript schema's shapes", () => {
    const { doc } = transcript();
    const typeInFirstTurn = (c: Y.Doc) =>
      (((transcriptContent(c).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(
        0,
        "So, ",
      );
    expect(transcriptVerdict(doc, coder, typeInFirstTurn)).toEqual({
      accepted: false,
      reason: "only owners correct the text",
    });
    expect(transcriptVerdict(doc, owner, typeInFirstTurn)).toEqual({ accepted: true, effects: [] });
    expect(
      transcriptVerdict(doc, owner, (c) =>
        (transcriptContent(c).get(0) as Y.XmlElement).setAttribute("speaker", "Lead"),
      ),
    ).toEqual({ accepted: true, effects: [] });
    expect(
      transcriptVerdict(doc, coder, (c) =>
        (transcriptContent(c).get(0) as Y.XmlElement).setAttribute("speaker", "Me"),
      ),
    ).toMatchObject({ accepted: false });
    expect(transcriptVerdict(doc, coder, (c) => transcriptContent(c).delete(0, 1))).toMatchObject({
      accepted: false,
    });
    const paragraph = (text: string) => {
      const element = new Y.XmlElement("paragraph");
      element.insert(0, [new Y.XmlText(text)]);
      return element;
    };
    expect(
      transcriptVerdict(doc, owner, (c) =>
        (transcriptContent(c).get(0) as Y.XmlElement).insert(1, [paragraph("More.")]),
      ),
    ).toEqual({ accepted: true, effects: [] });
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", 1 as unknown as string);
    expect(transcriptVerdict(doc, owner, (c) => transcriptContent(c).insert(0, [heading]))).toEqual({
      accepted: true,
      effects: [],
    });

    const shapes: [(c: Y.Doc) => void, string][] = [
      [
        (c) => transcriptContent(c).insert(0, [new Y.XmlElement("script")]),
        "a script may not sit at the top of the document",
      ],
      [
        (c) => transcriptContent(c).insert(0, [new Y.XmlText("bare")]),
        "text may not sit at the top of the document",
      ],
      [
        (c) => (transcriptContent(c).get(0) as Y.XmlElement).insert(0, [new Y.XmlElement("turn")]),
        "a turn may not sit inside a turn",
      ],
      [
        (c) => (transcriptContent(c).get(0) as Y.XmlElement).insert(0, [new Y.XmlText("loose")]),
        "text may not sit inside a turn",
      ],
      [
        (c) => transcriptContent(c).insert(0, [paragraph("Stray.")]),
        "a paragraph may not sit at the top of the document",
      ],
      [
        (c) => transcriptContent(c).insert(1, [new Y.XmlElement("turn")]),
        "a turn holds at least one paragraph",
      ],
      [
        (c) => {
          const turn = transcriptContent(c).get(0) as Y.XmlElement;
          turn.delete(0, turn.length);
        },
        "a turn holds at least one paragraph",
      ],
      [
        (c) => {
          // A paragraph added and taken away again in the same update holds nothing up.
          const turn = transcriptContent(c).get(0) as Y.XmlElement;
          c.transact(() => turn.insert(turn.length, [paragraph("Brief.")]));
          c.transact(() => turn.delete(0, turn.length));
        },
        "a turn holds at least one paragraph",
      ],
      [
        (c) => (transcriptContent(c).get(0) as Y.XmlElement).setAttribute("speaker", 42 as unknown as string),
        "a turn's speaker of the wrong kind",
      ],
      [
        (c) => (transcriptContent(c).get(0) as Y.XmlElement).setAttribute("onclick", "x"),
        'a turn has no attribute "onclick"',
      ],
      [
        (c) =>
          (((transcriptContent(c).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(
            0,
            3,
            { bold: true },
          ),
        'text cannot be formatted as "bold"',
      ],
    ];
    for (const [edit, reason] of shapes) {
      expect(transcriptVerdict(doc, owner, edit)).toEqual({ accepted: false, reason });
    }
  });

  it("take memos in the memo schema's shapes, and records of them in the writer's name", () => {
    const { doc } = transcript();
    const memo = memoSchema.node("doc", null, [
      memoSchema.node("heading", { level: 2 }, [memoSchema.text("Decisions")]),
      memoSchema.node("bullet_list", null, [
        memoSchema.node("list_item", null, [
          memoSchema.node("paragraph", null, [
            memoSchema.text("Keep ", []),
            memoSchema.text("both", [memoSchema.mark("strong")]),
          ]),
        ]),
      ]),
    ]);
    expect(
      transcriptVerdict(doc, coder, (c) => {
        prosemirrorToYXmlFragment(memo, memoFragment(c, "transcript"));
        c.getMap("memoEdits").set("transcript", { by: "coder", at: NOW });
      }),
    ).toEqual({ accepted: true, effects: [] });
    expect(
      transcriptVerdict(doc, coder, (c) =>
        memoFragment(c, "transcript").insert(0, [new Y.XmlElement("iframe")]),
      ),
    ).toEqual({ accepted: false, reason: "a iframe may not sit at the top of the document" });
    expect(
      transcriptVerdict(doc, coder, (c) => c.getMap("memoEdits").set("transcript", { by: "owner", at: NOW })),
    ).toEqual({ accepted: false, reason: "a memo edit in someone else's name" });
    // When it was last edited is a time that can be: not in 1e300, nor before Concord.
    for (const at of [1e300, NOW + 2 * 86_400_000, -1e300, 0])
      expect(
        transcriptVerdict(doc, coder, (c) => c.getMap("memoEdits").set("transcript", { by: "coder", at })),
      ).toEqual({ accepted: false, reason: "a memo edit without a time that can be" });
    doc.getMap("memoEdits").set("transcript", { by: "owner", at: NOW });
    expect(transcriptVerdict(doc, coder, (c) => c.getMap("memoEdits").delete("transcript"))).toEqual({
      accepted: false,
      reason: "a memo's record of who edited it is never deleted",
    });
    expect(
      transcriptVerdict(doc, coder, (c) => c.getMap("memoEdits").set("transcript", { by: "coder", at: NOW })),
    ).toEqual({ accepted: true, effects: [] });
  });

  it("refuse parts a transcript does not have, and observers' writes", () => {
    const { doc } = transcript();
    expect(transcriptVerdict(doc, coder, (c) => c.getMap("anything").set("k", 1))).toEqual({
      accepted: false,
      reason: 'a transcript has no "anything"',
    });
    expect(
      transcriptVerdict(doc, { ...coder, role: "observer" }, (c) =>
        applyCode(c, c, { start: 0, end: 3 }, "a", "coder"),
      ),
    ).toEqual({ accepted: false, reason: "observers only read" });
  });
});

function project(): Y.Doc {
  const doc = new Y.Doc();
  createCode(doc, { name: "Barriers" }, "owner");
  return doc;
}

/** The update a client makes with `edit`, from a copy of `server`. */
function changesUpdate(server: Y.Doc, edit: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

function projectVerdict(server: Y.Doc, writer: Writer, edit: (client: Y.Doc) => void) {
  return reviewProjectUpdate(changesOf(server, edit), writer, NOW);
}

describe("a project's rules", () => {
  it("let coders keep the codebook with the codebook's own operations, unless it is locked", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    const operations: ((c: Y.Doc) => void)[] = [
      (c) => createCode(c, { name: "Facilitators", color: "#3cb44b" }, "coder"),
      (c) => updateCode(c, barriers, { description: "What stands in the way", archived: true }, "coder"),
      (c) => moveCode(c, barriers, null, null, "coder"),
      (c) => mergeCode(c, createCode(c, { name: "Obstacles" }, "coder"), barriers, "coder"),
      (c) => {
        // A merge moves the source's children to the target: each named as changed by the merger.
        const source = createCode(c, { name: "Money" }, "coder");
        createCode(c, { name: "Funding", parentId: source }, "coder");
        createCode(c, { name: "Grants", parentId: source }, "coder");
        mergeCode(c, source, barriers, "coder");
      },
    ];
    for (const operation of operations) {
      expect(projectVerdict(doc, coder, operation)).toMatchObject({ accepted: true });
      expect(projectVerdict(doc, { ...coder, codebookLocked: true }, operation)).toEqual({
        accepted: false,
        reason: "the codebook is locked",
      });
      expect(
        projectVerdict(doc, { ...owner, codebookLocked: true }, (c) => {
          operation(c);
          // The owner's own operations name the owner.
          for (const [, code] of projectCodes(c))
            if (code.get("updatedBy") === "coder") code.set("updatedBy", "owner");
          for (const [, code] of projectCodes(c))
            if (code.get("createdBy") === "coder") code.set("createdBy", "owner");
        }),
      ).toMatchObject({ accepted: true });
    }
  });

  it("refuse codes of the wrong shape, deleted codes, changes in someone else's name and the server's meta", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    const code = (c: Y.Doc) => projectCodes(c).get(barriers) as Y.Map<unknown>;
    const cases: [(c: Y.Doc) => void, string][] = [
      [(c) => code(c).set("color", "red; background: url(x)"), "a code's color of the wrong kind"],
      [(c) => code(c).set("name", ""), "a code's name of the wrong kind"],
      [(c) => code(c).set("script", "x"), 'a code has no "script"'],
      [(c) => code(c).set("createdBy", "coder"), "a code's createdBy does not change"],
      // Its times are times that can be: a client's stamp is believed to within a day, no further.
      [(c) => code(c).set("updatedAt", 9e15), "a code's updatedAt of the wrong kind"],
      [
        (c) => {
          const made = new Y.Map<unknown>();
          projectCodes(c).set("fresh-code-1", made);
          made.set("name", "Weird");
          made.set("createdBy", "coder");
          made.set("createdAt", 1e300);
        },
        "a code's createdAt of the wrong kind",
      ],
      [(c) => updateCode(c, barriers, { name: "Mine" }, "owner"), "a code change in someone else's name"],
      [
        (c) => projectCodes(c).delete(barriers),
        "codes and their fields are never deleted: archive or merge a code",
      ],
      [(c) => projectCodes(c).set(barriers, new Y.Map()), "a code is archived or merged, never replaced"],
      [(c) => projectMeta(c).set("transcriptsChangedAt", 1), "the project's meta is the server's"],
      [(c) => c.getArray("codes2").insert(0, [1]), 'a project has no "codes2"'],
    ];
    for (const [edit, reason] of cases)
      expect(projectVerdict(doc, coder, edit)).toEqual({ accepted: false, reason });
  });

  it("refuse emptying a code's fields by writing nothing over them, and changes that do not say who made them", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    const fields = projectCodes(doc).get(barriers) as Y.Map<unknown>;
    // One deleted unit after each field's current value: the field reads as nothing, and no delete set shows it.
    const overwrite = (key: string) => {
      const current = (fields as unknown as { _map: Map<string, Y.Item> })._map.get(key) as Y.Item;
      return craftStructs([
        { client: 4242, clock: 0, origin: [current.id.client, current.id.clock + current.length - 1] },
      ]);
    };
    for (const key of ["name", "createdBy", "color"]) {
      expect(reviewProjectUpdate(readUpdateChanges(doc, overwrite(key)), coder, NOW)).toEqual({
        accepted: false,
        reason: "codes and their fields are never deleted: archive or merge a code",
      });
    }
    // A client that renames twice before sending sends the first new name as deleted content: fine.
    expect(
      projectVerdict(doc, coder, (c) =>
        c.transact(() => {
          updateCode(c, barriers, { name: "Obstacles" }, "coder");
          updateCode(c, barriers, { name: "Barriers to change" }, "coder");
        }),
      ),
    ).toMatchObject({ accepted: true });
    expect(
      projectVerdict(doc, coder, (c) =>
        (projectCodes(c).get(barriers) as Y.Map<unknown>).set("description", "x"),
      ),
    ).toEqual({ accepted: false, reason: "a code change that does not say who made it" });
  });

  it("refuse a code inside itself through others, merges in a circle, and parents that are no code", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    const funding = createCode(doc, { name: "Funding", parentId: barriers }, "owner");
    const set = (id: string, key: string, value: unknown) => (c: Y.Doc) => {
      const code = projectCodes(c).get(id) as Y.Map<unknown>;
      c.transact(() => {
        code.set(key, value);
        code.set("updatedBy", "coder");
      });
    };
    expect(projectVerdict(doc, coder, set(barriers, "parentId", funding))).toEqual({
      accepted: false,
      reason: "a code cannot sit inside itself, through others",
    });
    expect(projectVerdict(doc, coder, set(barriers, "parentId", barriers))).toEqual({
      accepted: false,
      reason: "a code sits only inside another code of this codebook",
    });
    expect(projectVerdict(doc, coder, set(barriers, "parentId", "nosuchcode"))).toEqual({
      accepted: false,
      reason: "a code sits only inside another code of this codebook",
    });
    mergeCode(doc, funding, barriers, "owner");
    expect(projectVerdict(doc, coder, set(barriers, "mergedInto", funding))).toEqual({
      accepted: false,
      reason: "codes cannot merge into each other in a circle",
    });
    expect(projectVerdict(doc, coder, (c) => moveCode(c, barriers, null, null, "coder"))).toMatchObject({
      accepted: true,
    });
  });

  it("refuse codes nested deeper than eight levels, by a new code or by moving a branch, and a codebook past 1,000 codes", () => {
    const doc = project();
    const [top] = [...projectCodes(doc).keys()] as [string];
    let parent = top;
    for (let level = 2; level <= MAX_CODE_DEPTH; level++) {
      parent = createCode(doc, { name: `Level ${level}`, parentId: parent }, "owner");
    }
    // One more level under the deepest, made by the coder: refused.
    expect(
      projectVerdict(doc, coder, (c) => {
        createCode(c, { name: "Too deep", parentId: parent }, "coder");
      }),
    ).toEqual({ accepted: false, reason: `codes nest at most ${MAX_CODE_DEPTH} levels deep` });
    // A branch of two moved under a code seven levels down: refused too.
    const branch = createCode(doc, { name: "Branch" }, "owner");
    createCode(doc, { name: "Leaf", parentId: branch }, "owner");
    const seventh = [...projectCodes(doc).entries()].find(
      ([, code]) => (code as Y.Map<unknown>).get("name") === `Level ${MAX_CODE_DEPTH - 1}`,
    )?.[0] as string;
    expect(projectVerdict(doc, coder, (c) => moveCode(c, branch, seventh, null, "coder"))).toEqual({
      accepted: false,
      reason: `codes nest at most ${MAX_CODE_DEPTH} levels deep`,
    });
    const sixth = [...projectCodes(doc).entries()].find(
      ([, code]) => (code as Y.Map<unknown>).get("name") === `Level ${MAX_CODE_DEPTH - 2}`,
    )?.[0] as string;
    expect(projectVerdict(doc, coder, (c) => moveCode(c, branch, sixth, null, "coder"))).toMatchObject({
      accepted: true,
    });

    const full = project();
    full.transact(() => {
      for (let n = projectCodes(full).size; n < MAX_CODES; n++)
        createCode(full, { name: `Code ${n}` }, "owner");
    });
    expect(
      projectVerdict(full, coder, (c) => {
        createCode(c, { name: "One too many" }, "coder");
      }),
    ).toEqual({ accepted: false, reason: "a codebook holds at most 1,000 codes" });
  });

  it("see which of several values under one key Yjs keeps, however the update places them", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    const under = createCode(doc, { name: "Under", parentId: barriers }, "owner");
    const fields = (projectCodes(doc).get(barriers) as unknown as { _map: Map<string, Y.Item> })._map;
    const after = (key: string) => {
      const item = fields.get(key) as Y.Item;
      return [item.id.client, item.id.clock + item.length - 1] as const;
    };
    // Two items with one origin: Yjs keeps the earlier clock, the deleted one or the circle.
    const tricks = craftStructs([
      { client: 5151, clock: 0, origin: after("name") },
      { client: 5151, clock: 1, origin: after("name"), value: "fine" },
      { client: 5151, clock: 2, origin: after("updatedBy"), value: "coder" },
    ]);
    expect(reviewProjectUpdate(readUpdateChanges(doc, tricks), coder, NOW)).toEqual({
      accepted: false,
      reason: "codes and their fields are never deleted: archive or merge a code",
    });
    const circle = craftStructs([
      { client: 5252, clock: 0, origin: after("parentId"), value: under },
      { client: 5252, clock: 1, origin: after("parentId"), value: null },
      { client: 5252, clock: 2, origin: after("updatedBy"), value: "coder" },
    ]);
    expect(reviewProjectUpdate(readUpdateChanges(doc, circle), coder, NOW)).toEqual({
      accepted: false,
      reason: "a code cannot sit inside itself, through others",
    });
  });

  it("refuse a code name with a line break, a control, a direction override or an invisible character", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    for (const name of ["Trust\n\nAttendance", "Trust\u0000", "Trust\u202e", "Trust\u200b"]) {
      expect(projectVerdict(doc, coder, (c) => updateCode(c, barriers, { name }, "coder"))).toEqual({
        accepted: false,
        reason: "a code's name of the wrong kind",
      });
    }
    expect(
      projectVerdict(doc, coder, (c) => updateCode(c, barriers, { name: "Trust, in partners" }, "coder")),
    ).toMatchObject({
      accepted: true,
    });
  });

  it("leave, for each code's history, the fields a change sets, each before and after (not its order or stamps)", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    const edited = projectVerdict(doc, coder, (c) => {
      updateCode(c, barriers, { description: "What stands in the way" }, "coder");
      moveCode(c, barriers, null, null, "coder");
    });
    expect(edited).toEqual({
      accepted: true,
      effects: [
        {
          kind: "code-changed",
          codeId: barriers,
          created: false,
          fields: { description: { before: "", after: "What stands in the way" } },
        },
      ],
    });
    let made = "";
    const created = projectVerdict(doc, coder, (c) => {
      made = createCode(c, { name: "Obstacles" }, "coder");
    });
    expect(created.accepted && created.effects?.[0]).toMatchObject({
      kind: "code-changed",
      codeId: made,
      created: true,
      fields: { name: { before: null, after: "Obstacles" }, mergedInto: { before: null, after: null } },
    });
  });

  it("take a merge of a code with children, each child named as changed by the merger", () => {
    const doc = project();
    const [barriers] = [...projectCodes(doc).keys()] as [string];
    const money = createCode(doc, { name: "Money" }, "owner");
    createCode(doc, { name: "Funding", parentId: money }, "owner");
    expect(projectVerdict(doc, coder, (c) => mergeCode(c, money, barriers, "coder"))).toMatchObject({
      accepted: true,
    });
  });

  it("judge by what Yjs keeps when a write under a key would be dropped on arrival", () => {
    const doc = project();
    const [a] = [...projectCodes(doc).keys()] as [string];
    const b = createCode(doc, { name: "B", parentId: a }, "owner");
    const mapOf = (id: string) => (projectCodes(doc).get(id) as unknown as { _item: Y.Item })._item.id;
    const legit = changesUpdate(doc, (c) => {
      const code = projectCodes(c).get(a) as Y.Map<unknown>;
      c.transact(() => {
        code.set("parentId", b);
        code.set("updatedBy", "coder");
      });
    });
    // Written with no origin and a low client id, these land left of the live values: dropped.
    const dropped = craftStructs([
      { client: 1, clock: 0, parent: [mapOf(b).client, mapOf(b).clock], key: "parentId", value: null },
      { client: 1, clock: 1, parent: [mapOf(b).client, mapOf(b).clock], key: "updatedBy", value: "coder" },
    ]);
    expect(reviewProjectUpdate(readUpdateChanges(doc, Y.mergeUpdates([legit, dropped])), coder, NOW)).toEqual(
      {
        accepted: false,
        reason: "a code cannot sit inside itself, through others",
      },
    );
    const nameItem = (projectCodes(doc).get(b) as unknown as { _map: Map<string, Y.Item> })._map.get(
      "name",
    ) as Y.Item;
    const unsigned = craftStructs([
      { client: 2, clock: 0, origin: [nameItem.id.client, nameItem.id.clock], value: "Renamed" },
      { client: 2, clock: 1, parent: [mapOf(b).client, mapOf(b).clock], key: "updatedBy", value: "coder" },
    ]);
    expect(reviewProjectUpdate(readUpdateChanges(doc, unsigned), coder, NOW)).toEqual({
      accepted: false,
      reason: "a code change that does not say who made it",
    });
  });
});

describe("a transcript's rules for codings a meeting decided", () => {
  it("refuse removing or rewriting them, even by their decider or an owner", () => {
    const { doc } = transcript();
    const decided = applyCode(doc, doc, { start: 0, end: 10 }, "codeA", "owner");
    const coding = JSON.parse(transcriptCodings(doc).get(decided) as string);
    transcriptCodings(doc).set(decided, JSON.stringify({ ...coding, decisionId: "d1" }));
    const reason = "a decided coding changes only when its decision is reopened in the meeting";
    expect(transcriptVerdict(doc, owner, (c) => removeCoding(c, decided))).toEqual({
      accepted: false,
      reason,
    });
    expect(
      transcriptVerdict(doc, owner, (c) => writeCoding(c, decided, { ...coding, codeId: "codeB" })),
    ).toEqual({ accepted: false, reason });
  });

  it("refuse a client's coding that claims a decision", () => {
    const { doc } = transcript();
    const verdict = transcriptVerdict(doc, coder, (c) => {
      const id = applyCode(c, c, { start: 3, end: 9 }, "codeA", "coder");
      const coding = JSON.parse(transcriptCodings(c).get(id) as string);
      transcriptCodings(c).set(id, JSON.stringify({ ...coding, decisionId: "d1" }));
    });
    expect(verdict).toEqual({ accepted: false, reason: 'a coding has no "decisionId"' });
  });
});

describe("a transcript's rules for someone coding it blind in a round", () => {
  const blind: Writer = { ...coder, codesBlind: true };
  it("keep their codings and memo out of the shared transcript until the round is revealed", () => {
    const { doc } = transcript();
    const reason =
      "you code this transcript blind in a round: until it is revealed, your codings and notes go to your own layer";
    expect(
      transcriptVerdict(doc, blind, (c) => applyCode(c, c, { start: 3, end: 9 }, "codeA", "coder")),
    ).toEqual({
      accepted: false,
      reason,
    });
    expect(
      transcriptVerdict(doc, blind, (c) => {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText("what I think")]);
        memoFragment(c, "transcript").insert(0, [paragraph]);
      }),
    ).toEqual({ accepted: false, reason });
    expect(
      transcriptVerdict(doc, coder, (c) => applyCode(c, c, { start: 3, end: 9 }, "codeA", "coder")),
    ).toEqual({
      accepted: true,
      effects: [],
    });
  });
});

describe("a blind layer's rules", () => {
  const openRound: RoundFacts = {
    status: "open",
    monitor: true,
    transcriptIds: ["t"],
    coderIds: ["coder", "colleague"],
    codeIds: null,
  };
  const codersLayer: LayerTarget = { coderId: "coder", round: openRound };

  /** The verdict on `edit` to an empty layer, coded against the seeded transcript's text. */
  function layerVerdict(writer: Writer, layer: LayerTarget, edit: (text: Y.Doc, layer: Y.Doc) => void) {
    const { doc: text } = transcript();
    const server = new Y.Doc();
    return reviewLayerUpdate(
      changesOf(server, (client) => edit(text, client)),
      writer,
      layer,
      NOW,
    );
  }

  it("let its coder code into it while the round is open", () => {
    expect(
      layerVerdict(coder, codersLayer, (text, layer) =>
        applyCode(layer, text, { start: 0, end: 8 }, "codeA", "coder"),
      ),
    ).toEqual({ accepted: true, effects: [] });
  });

  it("refuse anyone else, even an owner monitoring the round or a colleague in it", () => {
    for (const writer of [owner, colleague]) {
      expect(
        layerVerdict(writer, codersLayer, (text, layer) =>
          applyCode(layer, text, { start: 0, end: 8 }, "codeA", writer.userId),
        ),
      ).toEqual({ accepted: false, reason: "only its coder writes a layer" });
    }
  });

  it("refuse its own coder once the round is closed or revealed", () => {
    for (const status of ["closed", "revealed"] as const) {
      const verdict = layerVerdict(
        coder,
        { coderId: "coder", round: { ...openRound, status } },
        (text, layer) => applyCode(layer, text, { start: 0, end: 8 }, "codeA", "coder"),
      );
      expect(verdict).toEqual({
        accepted: false,
        reason: `this round is ${status}: its layers are kept as they are`,
      });
    }
  });

  it("refuse a coder made an observer during the round", () => {
    const verdict = layerVerdict({ ...coder, role: "observer" }, codersLayer, (text, layer) =>
      applyCode(layer, text, { start: 0, end: 8 }, "codeA", "coder"),
    );
    expect(verdict).toEqual({ accepted: false, reason: "only its coder writes a layer" });
  });

  it("refuse codings in someone else's name, of the wrong shape, or of a code the round is not about", () => {
    expect(
      layerVerdict(coder, codersLayer, (text, layer) =>
        applyCode(layer, text, { start: 0, end: 8 }, "codeA", "colleague"),
      ),
    ).toEqual({ accepted: false, reason: "a coding in someone else's name" });
    expect(
      layerVerdict(coder, codersLayer, (_text, layer) => layer.getMap("codings").set("x", "not json")),
    ).toEqual({
      accepted: false,
      reason: "a coding that is not JSON",
    });
    const aboutB: LayerTarget = { coderId: "coder", round: { ...openRound, codeIds: ["codeB"] } };
    expect(
      layerVerdict(coder, aboutB, (text, layer) =>
        applyCode(layer, text, { start: 0, end: 8 }, "codeA", "coder"),
      ),
    ).toEqual({ accepted: false, reason: "this round is about other codes" });
    expect(
      layerVerdict(coder, aboutB, (text, layer) =>
        applyCode(layer, text, { start: 0, end: 8 }, "codeB", "coder"),
      ),
    ).toEqual({ accepted: true, effects: [] });
  });

  it("refuse anything but codings: text, memos, comments", () => {
    expect(
      layerVerdict(coder, codersLayer, (_text, layer) =>
        layer.getXmlFragment("content").insert(0, [new Y.XmlText("x")]),
      ),
    ).toEqual({ accepted: false, reason: 'a layer holds only codings, not "content"' });
    expect(
      layerVerdict(coder, codersLayer, (_text, layer) => layer.getMap("threads").set("t", "hello")),
    ).toEqual({
      accepted: false,
      reason: 'a layer holds only codings, not "threads"',
    });
  });

  it("let its coder remove their own coding", () => {
    const { doc: text } = transcript();
    const server = new Y.Doc();
    const id = applyCode(server, text, { start: 0, end: 8 }, "codeA", "coder");
    const verdict = reviewLayerUpdate(
      changesOf(server, (client) => removeCoding(client, id)),
      coder,
      codersLayer,
      NOW,
    );
    expect(verdict).toEqual({ accepted: true, effects: [] });
  });
});
