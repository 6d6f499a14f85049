import { applyCode } from "@concord/anchoring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createApiClient, eventually, startTeam } from "../testing";

/**
 * Before a round is revealed, nothing of one coder's layer reaches anyone else by any route or any
 * spelling of its room's name. The colleague's layer holds a coding of a code id found nowhere
 * else; every GET route the server serves is asked by everyone else, and no answer may hold it.
 */
type Team = Awaited<ReturnType<typeof startTeam>>;
let team: Team;
let roundId = "";
let codingId = "";
const SECRET = "zzColleaguesSecretCode";

beforeAll(async () => {
  team = await startTeam();
  const api = createApiClient(team.server.url);
  const created = await api.request<{ round: { id: string } }>(
    "POST",
    `/api/projects/${team.project.id}/rounds`,
    {
      token: team.tokens.owner,
      body: {
        name: "Blind",
        transcriptIds: [team.transcript.id],
        coderIds: [team.ids.coder, team.ids.colleague],
      },
    },
  );
  roundId = created.body.round.id;
  const text = await team.server.services.rooms.read(team.transcriptRoom);
  const colleague = await team.join("colleague", layerOf("colleague"));
  codingId = applyCode(colleague.doc, text, { start: 3, end: 20 }, SECRET, team.ids.colleague);
  await eventually(async () =>
    expect((await team.server.services.documents.load(layerOf("colleague"))).updates.length).toBe(1),
  );
  colleague.destroy();
});

afterAll(async () => {
  await team.server.dispose();
});

function layerOf(person: "coder" | "colleague"): string {
  return `layer.${team.project.id}.${team.transcript.id}.${roundId}.${team.ids[person]}`;
}

/** Opens `path` under /sync as `person` with a raw socket: the close code, and the kinds of messages that came. */
function openRaw(path: string, person: keyof Team["tokens"]): Promise<{ code: number; kinds: number[] }> {
  const separator = path.includes("?") ? "&" : "?";
  const socket = new WebSocket(`${team.server.wsUrl}${path}${separator}token=${team.tokens[person]}`);
  const kinds: number[] = [];
  socket.on("message", (data: Buffer) => kinds.push(data[0] ?? -1));
  // A socket let in stays open: look at what it received for a moment, then close it.
  const timer = setTimeout(() => socket.close(), 1000);
  return new Promise((resolve) => {
    socket.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, kinds });
    });
    socket.on("unexpected-response", (_request, response) =>
      resolve({ code: response.statusCode ?? 0, kinds }),
    );
    socket.on("error", () => {});
  });
}

describe("a round's blindness before reveal", () => {
  it("keeps the colleague's layer from the coder, the observer and the owner under every spelling of its name", async () => {
    const { project, transcript, ids } = team;
    const name = layerOf("colleague");
    const spellings = [
      `/${name}`,
      `/${name.toUpperCase()}`,
      `/${name.replace("layer.", "Layer.")}`,
      `/${name}.`,
      `/${name}/`,
      `/${name}?room=${name}`,
      `/${encodeURIComponent(name).replace(/\./g, "%2E")}`,
      `/${name.replace(/\./g, "%2e")}`,
      `//${name}`,
      `/layer.${project.id}.${transcript.id}.${roundId}.${ids.colleague.toLowerCase()}`,
      `/layer.${project.id}.${transcript.id}.${roundId.toUpperCase()}.${ids.colleague}`,
      `/layer.${project.id}.${transcript.id}.${roundId}.${ids.colleague}.extra`,
      `/layer.${project.id}..${transcript.id}.${roundId}.${ids.colleague}`,
      `/layer.${project.id}.${transcript.id}.${roundId}.${ids.colleague}%00`,
    ];
    for (const person of ["coder", "observer", "owner"] as const) {
      for (const spelling of spellings) {
        const { code, kinds } = await openRaw(spelling, person);
        // Refused (4403, 4404, 4400 on the socket; 400 or 404 on the upgrade), and nothing of the room sent.
        expect([4403, 4404, 4400, 400, 404], `${person} ${spelling}`).toContain(code);
        expect(
          kinds.filter((kind) => kind !== 2),
          `${person} ${spelling}`,
        ).toEqual([]);
      }
    }
  });

  it("leaves the colleague's coding out of every answer of every GET route, for everyone else", async () => {
    const api = createApiClient(team.server.url);
    const fill = (path: string) =>
      path
        .replace(":projectId", team.project.id)
        .replace(":transcriptId", team.transcript.id)
        .replace(":roundId", roundId)
        .replace(":scope", team.transcript.id)
        .replace(":userId", team.ids.colleague)
        .replace(/:[A-Za-z]+/g, "x");
    const routes = team.server.routes.filter((r) => r.method === "GET" && r.path.startsWith("/api/"));
    expect(routes.length).toBeGreaterThan(20);
    for (const person of ["coder", "observer", "owner"] as const) {
      for (const route of routes) {
        for (const query of ["", "?unit=turn", "?unit=character", "?q=co", "?format=json"]) {
          const response = await fetch(`${team.server.url}${fill(route.path)}${query}`, {
            headers: { authorization: `Bearer ${team.tokens[person]}`, origin: team.server.url },
          });
          const body = Buffer.from(await response.arrayBuffer()).toString("latin1");
          expect(body.includes(SECRET), `${person} ${route.path}${query}`).toBe(false);
          expect(body.includes(codingId), `${person} ${route.path}${query}`).toBe(false);
        }
      }
    }
    // And the round's routes say why, in words.
    const layers = await api.request<{ message: string }>(
      "GET",
      `/api/projects/${team.project.id}/rounds/${roundId}/layers`,
      {
        token: team.tokens.observer,
      },
    );
    expect(layers.body.message).toBe("This round's layers are hidden until it is revealed.");
  });

  it("shows the colleague's own coding to the colleague alone, and to everyone once revealed", async () => {
    const api = createApiClient(team.server.url);
    const path = `/api/projects/${team.project.id}/rounds/${roundId}`;
    const own = await api.request<{ layers: { codings: { codeId: string }[] }[] }>("GET", `${path}/layers`, {
      token: team.tokens.colleague,
    });
    expect(own.body.layers.flatMap((l) => l.codings.map((c) => c.codeId))).toEqual([SECRET]);
    await api.request("POST", `${path}/close`, { token: team.tokens.owner });
    await api.request("POST", `${path}/reveal`, { token: team.tokens.owner });
    const shown = await openRaw(`/${layerOf("colleague")}`, "observer");
    expect(shown.kinds).toContain(0);
  });
});
