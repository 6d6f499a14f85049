import { krippendorffAlpha, percentAgreement } from "@concord/agreement";
import { applyCode } from "@concord/anchoring";
import { createCode } from "@concord/schema";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, createDataDir, startTeam } from "../testing";
import { runConcord } from "../testing/cli";

type Team = Awaited<ReturnType<typeof startTeam>>;
let team: Team | null = null;

afterEach(async () => {
  await team?.server.dispose();
  team = null;
});

describe("rounds and agreement on the command line", () => {
  it("creates, lists, closes and reveals a round, and prints its agreement as the dashboard computes it", async () => {
    const dataDir = createDataDir();
    team = await startTeam(dataDir);
    const t = team;
    const json = (args: string[]) => {
      const run = runConcord(dataDir, [...args, "--json"]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout);
    };
    const trust = await t.server.services.rooms.change(t.projectRoom, (doc) =>
      createCode(doc, { name: "Trust" }, t.ids.owner),
    );
    const refused = runConcord(dataDir, [
      "round",
      "create",
      "--project",
      t.project.id,
      "--name",
      "Pilot",
      "--transcripts",
      t.transcript.id,
      "--coders",
      "coder@example.org,nobody@example.org",
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("No account has the email nobody@example.org.\n");
    const observerToo = runConcord(dataDir, [
      "round",
      "create",
      "--project",
      t.project.id,
      "--name",
      "Pilot",
      "--transcripts",
      t.transcript.id,
      "--coders",
      "coder@example.org,observer@example.org",
    ]);
    expect(observerToo.stderr).toBe(`${t.ids.observer} is an observer here: observers do not code.\n`);

    const { round } = json([
      "round",
      "create",
      "--project",
      t.project.id,
      "--name",
      "Pilot",
      "--transcripts",
      t.transcript.id,
      "--coders",
      "coder@example.org,colleague@example.org,owner@example.org",
      "--codes",
      trust,
    ]);
    expect(round).toMatchObject({
      name: "Pilot",
      status: "open",
      codeIds: [trust],
      coderIds: [t.ids.coder, t.ids.colleague, t.ids.owner],
    });
    expect(
      json(["round", "list", "--project", t.project.id]).rounds.map((r: { id: string }) => r.id),
    ).toEqual([round.id]);

    // The coder and the colleague code the first turn, the colleague the second too; the owner codes nothing.
    const text = await t.server.services.rooms.read(t.transcriptRoom);
    const layer = (person: "coder" | "colleague") =>
      `layer.${t.project.id}.${t.transcript.id}.${round.id}.${t.ids[person]}`;
    const coder = await t.join("coder", layer("coder"));
    const colleague = await t.join("colleague", layer("colleague"));
    applyCode(coder.doc, text, { start: 3, end: 12 }, trust, t.ids.coder);
    applyCode(colleague.doc, text, { start: 0, end: 20 }, trust, t.ids.colleague);
    applyCode(colleague.doc, text, { start: 40, end: 50 }, trust, t.ids.colleague);
    await t.server.registry.settled();
    await new Promise((resolve) => setTimeout(resolve, 200));
    coder.destroy();
    colleague.destroy();

    expect(runConcord(dataDir, ["round", "reveal", "--round", round.id]).stderr).toBe(
      "Close the round before revealing it; a revealed round stays revealed.\n",
    );
    expect(runConcord(dataDir, ["meeting", "agenda", "--round", round.id]).stderr).toBe(
      'The round "Pilot" is open: a meeting works on a revealed round.\n',
    );
    expect(json(["round", "close", "--round", round.id]).round.status).toBe("closed");
    expect(json(["round", "reopen", "--round", round.id]).round.status).toBe("open");
    expect(json(["round", "close", "--round", round.id]).round.status).toBe("closed");
    expect(json(["round", "reveal", "--round", round.id]).round.status).toBe("revealed");

    const agenda = json(["meeting", "agenda", "--round", round.id, "--tolerance", "5"]);
    expect(
      agenda.items.map(
        (i: { transcriptId: string; codeId: string; start: number; end: number; coders: unknown }) => [
          i.transcriptId,
          i.codeId,
          i.start,
          i.end,
          i.coders,
        ],
      ),
    ).toEqual([
      [t.transcript.id, trust, 0, 20, { with: [t.ids.coder, t.ids.colleague], without: [t.ids.owner] }],
      [t.transcript.id, trust, 40, 50, { with: [t.ids.colleague], without: [t.ids.coder, t.ids.owner] }],
    ]);
    const byImpact = json([
      "meeting",
      "agenda",
      "--round",
      round.id,
      "--tolerance",
      "5",
      "--order",
      "impact",
    ]);
    const impacts = byImpact.items.map((i: { impact: number }) => i.impact);
    expect(impacts).toEqual([...impacts].sort((a: number, b: number) => b - a));
    expect(
      runConcord(dataDir, ["meeting", "agenda", "--round", round.id, "--order", "sideways"]).stderr,
    ).toBe('Choose the order: "position" or "impact".\n');
    expect(runConcord(dataDir, ["meeting", "agenda", "--round", round.id, "--tolerance", "-1"]).stderr).toBe(
      'The tolerance is a whole number of characters, or "turn".\n',
    );
    const api = createApiClient(t.server.url);
    const meeting = await api.request<{ meeting: { id: string } }>(
      "POST",
      `/api/projects/${t.project.id}/meetings`,
      {
        token: t.tokens.owner,
        body: { roundId: round.id, title: "Pilot meeting" },
      },
    );
    const minutes = runConcord(dataDir, ["minutes", "--meeting", meeting.body.meeting.id, "--format", "md"]);
    expect(minutes.stdout).toMatch(/^# Minutes: Pilot meeting\n/);
    expect(minutes.stdout).toContain("## Open items");
    const figures = json(["agreement", "--round", round.id, "--unit", "turn"]);
    const matrix = [
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(figures.unit).toBe("turn");
    expect(figures.coders).toEqual([t.ids.coder, t.ids.colleague, t.ids.owner]);
    expect(figures.codersWithoutCodings).toEqual([t.ids.owner]);
    expect(figures.byCode).toHaveLength(1);
    expect(figures.byCode[0].codeId).toBe(trust);
    expect(figures.byCode[0].name).toBe("Trust");
    expect(figures.byCode[0].krippendorffAlpha).toBeCloseTo(krippendorffAlpha(matrix) as number, 12);
    expect(figures.byCode[0].percent).toBeCloseTo(percentAgreement(matrix) as number, 12);
    expect(figures.overall.krippendorffAlpha).toBeCloseTo(krippendorffAlpha(matrix) as number, 12);
    const text2 = runConcord(dataDir, ["agreement", "--round", round.id, "--unit", "character"]);
    expect(text2.stdout).toMatch(/^Unit: character\. Alpha compares/);
    expect(text2.stdout).toContain("  Trust: alpha ");
    expect(runConcord(dataDir, ["agreement", "--round", round.id, "--unit", "word"]).stderr).toBe(
      "Choose the unit: turn, character or transcript.\n",
    );
  });
});
