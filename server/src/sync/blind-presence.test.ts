import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, eventually, startTeam } from "../testing";

type Team = Awaited<ReturnType<typeof startTeam>>;
let team: Team | null = null;

afterEach(async () => {
  await team?.server.dispose();
  team = null;
});

describe("presence in a transcript coded blind", () => {
  it("shows others only that a round's coder is there, until the round is revealed", async () => {
    team = await startTeam();
    const t = team;
    const api = createApiClient(t.server.url);
    const created = await api.request<{ round: { id: string } }>(
      "POST",
      `/api/projects/${t.project.id}/rounds`,
      {
        token: t.tokens.owner,
        body: { name: "Blind", transcriptIds: [t.transcript.id], coderIds: [t.ids.coder, t.ids.colleague] },
      },
    );
    const roundPath = `/api/projects/${t.project.id}/rounds/${created.body.round.id}`;
    const coder = await t.join("coder");
    const others = await Promise.all((["colleague", "owner", "observer"] as const).map((p) => t.join(p)));
    const place = { anchor: { type: null, tname: "content", item: null, assoc: 0 }, head: null };
    const where = { cursor: place, view: { top: 3, at: 1 } };
    coder.provider.awareness.setLocalState({ user: { id: t.ids.coder, name: "coder" }, ...where });
    const seenBy = (client: (typeof others)[number]) =>
      client.provider.awareness.getStates().get(coder.doc.clientID);
    for (const other of others) {
      await eventually(() => expect(seenBy(other)).toEqual({ user: { id: t.ids.coder, name: "coder" } }));
    }
    // Someone outside the round is shown whole.
    others[1]?.provider.awareness.setLocalState({ user: { id: t.ids.owner }, ...where });
    await eventually(() =>
      expect(coder.provider.awareness.getStates().get(others[1]?.doc.clientID as number)).toMatchObject(
        where,
      ),
    );

    await api.request("POST", `${roundPath}/close`, { token: t.tokens.owner });
    await api.request("POST", `${roundPath}/reveal`, { token: t.tokens.owner });
    coder.provider.awareness.setLocalStateField("view", { top: 4, at: 2 });
    for (const other of others) {
      await eventually(() => expect(seenBy(other)).toMatchObject({ cursor: place, view: { top: 4, at: 2 } }));
    }
    for (const client of [coder, ...others]) client.destroy();
  });

  it("keeps what a blind coder types about from the transcript's discussion room too", async () => {
    team = await startTeam();
    const t = team;
    const api = createApiClient(t.server.url);
    await api.request("POST", `/api/projects/${t.project.id}/rounds`, {
      token: t.tokens.owner,
      body: { name: "Blind", transcriptIds: [t.transcript.id], coderIds: [t.ids.coder, t.ids.colleague] },
    });
    const room = `discussion.${t.project.id}.${t.transcript.id}`;
    const coder = await t.join("coder", room);
    const observer = await t.join("observer", room);
    coder.provider.awareness.setLocalState({ user: { id: t.ids.coder }, typing: { threadId: "x", at: 1 } });
    await eventually(() =>
      expect(observer.provider.awareness.getStates().get(coder.doc.clientID)).toEqual({
        user: { id: t.ids.coder },
      }),
    );
    coder.destroy();
    observer.destroy();
  });
});
