import { describe, expect, it } from "vitest";
import {
  type AgendaCoding,
  type AgendaTranscript,
  agreedPassages,
  buildAgenda,
  type DisagreementItem,
} from "./agenda";

let next = 0;
const c = (coderId: string, codeId: string, start: number, end: number): AgendaCoding => ({
  id: `c${next++}`,
  coderId,
  codeId,
  start,
  end,
});
const turns = [
  { start: 0, end: 100 },
  { start: 101, end: 200 },
];
const transcript = (id: string, codings: AgendaCoding[]): AgendaTranscript => ({ id, turns, codings });
const two = { coders: ["ann", "bob"], tolerance: { kind: "characters", characters: 3 } } as const;
const disagreements = (items: ReturnType<typeof buildAgenda>) =>
  items.filter((item): item is DisagreementItem => item.kind === "disagreement");

describe("a meeting's agenda", () => {
  it("has nothing on it when the coders coded alike", () => {
    expect(
      buildAgenda([transcript("t", [c("ann", "trust", 5, 20), c("bob", "trust", 5, 20)])], [], two),
    ).toEqual([]);
  });

  it("lists a code one coder applied and the other did not, saying who has it", () => {
    const [item] = disagreements(buildAgenda([transcript("t", [c("ann", "trust", 5, 20)])], [], two));
    expect(item).toMatchObject({
      transcriptId: "t",
      codeId: "trust",
      start: 5,
      end: 20,
      reason: "presence",
      coders: { with: ["ann"], without: ["bob"] },
      impact: 15,
    });
  });

  it("calls different codes on the same passage a substitution, with each coder's alternative", () => {
    const items = disagreements(
      buildAgenda([transcript("t", [c("ann", "trust", 5, 20), c("bob", "power", 6, 19)])], [], two),
    );
    expect(items.map((i) => [i.codeId, i.reason, i.alternatives])).toEqual([
      ["trust", "substitution", { bob: ["power"] }],
      ["power", "substitution", { ann: ["trust"] }],
    ]);
  });

  it("lets boundaries within the tolerance agree, and lists those beyond it", () => {
    const within = [c("ann", "trust", 5, 20), c("bob", "trust", 7, 23)];
    expect(buildAgenda([transcript("t", within)], [], two)).toEqual([]);
    const beyond = [c("ann", "trust", 5, 20), c("bob", "trust", 5, 30)];
    expect(disagreements(buildAgenda([transcript("t", beyond)], [], two))).toMatchObject([
      { reason: "boundaries", start: 5, end: 30, coders: { with: ["ann", "bob"], without: [] }, impact: 10 },
    ]);
    // "Same turn": any boundaries inside the same turns agree; reaching into the next turn does not.
    const sameTurn = { ...two, tolerance: { kind: "turn" } } as const;
    expect(buildAgenda([transcript("t", beyond)], [], sameTurn)).toEqual([]);
    const intoNext = [c("ann", "trust", 5, 20), c("bob", "trust", 5, 150)];
    expect(disagreements(buildAgenda([transcript("t", intoNext)], [], sameTurn))[0]?.reason).toBe(
      "boundaries",
    );
  });

  it("joins a coder's overlapping codings of one code, and overlapping codings across coders into one passage", () => {
    const codings = [
      c("ann", "trust", 0, 10),
      c("ann", "trust", 8, 20),
      c("bob", "trust", 0, 20),
      c("bob", "trust", 40, 50),
    ];
    const items = disagreements(buildAgenda([transcript("t", codings)], [], two));
    expect(items.map((i) => [i.start, i.end, i.reason])).toEqual([[40, 50, "presence"]]);
  });

  it("compares three and more coders, listing every coder's version", () => {
    const three = { ...two, coders: ["ann", "bob", "cat", "dan"] };
    const codings = [c("ann", "trust", 0, 10), c("bob", "trust", 0, 10), c("cat", "trust", 2, 9)];
    const [item] = disagreements(buildAgenda([transcript("t", codings)], [], three));
    expect(item?.coders).toEqual({ with: ["ann", "bob", "cat"], without: ["dan"] });
    expect(Object.keys(item?.versions ?? {})).toEqual(["ann", "bob", "cat", "dan"]);
    expect(item?.versions.dan).toEqual([]);
    // 2 of 4 coders on 0..2 and 9..10 (3 characters × 2 × 2), 3 of 4 on 2..9 (7 × 3 × 1).
    expect(item?.impact).toBe(3 * 4 + 7 * 3);
  });

  it("puts threads marked for the meeting on it as items of their own", () => {
    const items = buildAgenda(
      [transcript("t", [c("ann", "trust", 50, 60)])],
      [
        { id: "th1", transcriptId: "t", start: 10, end: 20, codeId: null },
        { id: "th2", transcriptId: null, start: null, end: null, codeId: "trust" },
      ],
      two,
    );
    expect(items.map((i) => i.id)).toEqual(["thread:th1", "t:trust:50", "thread:th2"]);
  });

  it("counts a code merged since the round as the code it was merged into", () => {
    const codings = [c("ann", "trust", 5, 20), c("bob", "faith", 5, 20)];
    const merged = (id: string) => (id === "faith" ? "trust" : id);
    expect(buildAgenda([transcript("t", codings)], [], { ...two, effectiveCode: merged })).toEqual([]);
    expect(buildAgenda([transcript("t", codings)], [], two)).toHaveLength(2);
  });

  it("groups by code or transcript, orders by position or impact, and filters by code, coder and transcript", () => {
    const data = [
      transcript("t1", [c("ann", "trust", 50, 60), c("ann", "power", 0, 100)]),
      transcript("t2", [c("bob", "trust", 0, 5)]),
    ];
    const ids = (items: ReturnType<typeof buildAgenda>) => items.map((i) => i.id);
    expect(ids(buildAgenda(data, [], two))).toEqual(["t1:power:0", "t1:trust:50", "t2:trust:0"]);
    expect(ids(buildAgenda(data, [], { ...two, groupBy: "code" }))).toEqual([
      "t1:power:0",
      "t1:trust:50",
      "t2:trust:0",
    ]);
    expect(ids(buildAgenda(data, [], { ...two, order: "impact" }))).toEqual([
      "t1:power:0",
      "t1:trust:50",
      "t2:trust:0",
    ]);
    expect(ids(buildAgenda(data, [], { ...two, groupBy: "code", order: "impact" }))).toEqual([
      "t1:power:0",
      "t1:trust:50",
      "t2:trust:0",
    ]);
    expect(ids(buildAgenda(data, [], { ...two, filter: { codeIds: ["trust"] } }))).toEqual([
      "t1:trust:50",
      "t2:trust:0",
    ]);
    expect(ids(buildAgenda(data, [], { ...two, filter: { transcriptIds: ["t2"] } }))).toEqual(["t2:trust:0"]);
    expect(
      ids(buildAgenda(data, [], { ...two, coders: ["ann", "bob", "cat"], filter: { coderIds: ["cat"] } })),
    ).toHaveLength(3);
  });

  it("orders by impact within a group", () => {
    const data = [transcript("t", [c("ann", "trust", 0, 5), c("ann", "trust", 50, 90)])];
    expect(buildAgenda(data, [], { ...two, order: "impact" }).map((i) => i.id)).toEqual([
      "t:trust:50",
      "t:trust:0",
    ]);
  });
});

describe("the passages a meeting takes as agreed", () => {
  it("are those every coder gave the code, with what any of them coded there", () => {
    const codings = [c("ann", "trust", 5, 20), c("bob", "trust", 7, 23), c("ann", "power", 40, 50)];
    expect(agreedPassages([transcript("t", codings)], two)).toEqual([
      { transcriptId: "t", codeId: "trust", start: 5, end: 23 },
    ]);
  });

  it("leave out every passage the agenda lists: presence, substitution and boundaries beyond the tolerance", () => {
    const codings = [
      c("ann", "trust", 5, 20),
      c("ann", "power", 30, 40),
      c("bob", "voice", 30, 40),
      c("ann", "care", 60, 70),
      c("bob", "care", 60, 90),
    ];
    expect(agreedPassages([transcript("t", codings)], two)).toEqual([]);
    expect(buildAgenda([transcript("t", codings)], [], two)).toHaveLength(4);
  });

  it("need all of three coders, follow merges and keep to the meeting's codes and transcripts", () => {
    const three = { ...two, coders: ["ann", "bob", "cat"] };
    const data = [
      transcript("t1", [c("ann", "trust", 0, 9), c("bob", "faith", 0, 9), c("cat", "trust", 1, 9)]),
      transcript("t2", [c("ann", "trust", 0, 9), c("bob", "trust", 0, 9)]),
    ];
    const merged = (id: string) => (id === "faith" ? "trust" : id);
    expect(agreedPassages(data, { ...three, effectiveCode: merged })).toEqual([
      { transcriptId: "t1", codeId: "trust", start: 0, end: 9 },
    ]);
    expect(agreedPassages(data, three)).toEqual([]);
    expect(agreedPassages(data, { ...two, filter: { transcriptIds: ["t2"] } })).toEqual([
      { transcriptId: "t2", codeId: "trust", start: 0, end: 9 },
    ]);
    expect(agreedPassages(data, { ...two, filter: { codeIds: ["power"] } })).toEqual([]);
  });
});
