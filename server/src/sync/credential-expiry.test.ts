import { CloseCode } from "@concord/sync";
import { afterEach, describe, expect, it } from "vitest";
import { connectStockClient, eventually, startTestServer, type TestServer, whenSynced } from "../testing";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.dispose();
  server = null;
});

describe("a sync connection whose sign-in runs out", () => {
  it("is closed with 4401 once its token expires, while one with a longer token stays", async () => {
    server = await startTestServer({ credentialCheckMs: 100 });
    const { services } = server;
    const user = services.users.create({ email: "lead@example.org", name: "Lead", passwordHash: "!" });
    const project = services.projects.create("Expiry", user.id);
    const short = services.tokens.create(user.id, "short", Date.now() + 1200).token;
    const long = services.tokens.create(user.id, "long", Date.now() + 86_400_000).token;
    const room = `project.${project.id}`;
    const expiring = connectStockClient(server.wsUrl, room, { params: { token: short } });
    const lasting = connectStockClient(server.wsUrl, room, { params: { token: long } });
    await Promise.all([whenSynced(expiring), whenSynced(lasting)]);
    await eventually(() => expect(expiring.closeCodes).toEqual([CloseCode.unauthorized]), 5000);
    expect(lasting.closeCodes).toEqual([]);
    expiring.destroy();
    lasting.destroy();
  });

  it("closes every socket opened with the token, in every room, however many came and went before", async () => {
    server = await startTestServer({ credentialCheckMs: 100 });
    const { services } = server;
    const user = services.users.create({ email: "lead@example.org", name: "Lead", passwordHash: "!" });
    const project = services.projects.create("Expiry", user.id);
    const short = services.tokens.create(user.id, "short", Date.now() + 1500).token;
    const params = { token: short };
    // The first socket with the token leaves before it expires; the sockets opened after it still close.
    const gone = connectStockClient(server.wsUrl, `project.${project.id}`, { params });
    await whenSynced(gone);
    gone.destroy();
    const other = services.projects.create("Another", user.id);
    const rooms = [`project.${project.id}`, `project.${other.id}`];
    const open = rooms.map((room) => connectStockClient(server?.wsUrl ?? "", room, { params }));
    await Promise.all(open.map((client) => whenSynced(client)));
    for (const client of open) {
      await eventually(() => expect(client.closeCodes).toEqual([CloseCode.unauthorized]), 5000);
      client.destroy();
    }
  });
});
