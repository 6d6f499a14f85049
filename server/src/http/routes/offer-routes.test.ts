import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing";

/** The parts of the answers this test reads. */
interface Answer {
  readonly message: string;
  readonly offers: { readonly id: string; readonly role: string }[];
}

let server: TestServer;
afterEach(async () => {
  await server.dispose();
});

describe("adding a member by email", () => {
  it("says the same whether the address has an account, and puts nobody in the project until they accept", async () => {
    server = await startTestServer();
    const { services } = server;
    const owner = services.users.create({ email: "owner@example.org", name: "Owner", passwordHash: "!" });
    const colleague = services.users.create({
      email: "colleague@example.org",
      name: "Colleague",
      passwordHash: "!",
    });
    const project = services.projects.create("Consent", owner.id);
    const tokenOf = (id: string) => services.tokens.create(id, "t", Date.now() + 86_400_000).token;
    const call = (token: string, method: string, path: string, body?: unknown) =>
      fetch(`${server.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? null : JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Answer }));
    const ownerToken = tokenOf(owner.id);
    const known = await call(ownerToken, "POST", `/projects/${project.id}/members`, {
      email: "Colleague@example.org",
      role: "coder",
    });
    const unknown = await call(ownerToken, "POST", `/projects/${project.id}/members`, {
      email: "nobody@example.org",
      role: "coder",
    });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    const shape = (b: Answer) => b.message.replace(/\S+@example\.org/, "EMAIL");
    expect(shape(known.body)).toBe(shape(unknown.body));
    expect(services.projects.roleOf(project.id, colleague.id)).toBeNull();

    const colleagueToken = tokenOf(colleague.id);
    const offers = await call(colleagueToken, "GET", "/offers");
    expect(offers.body.offers).toMatchObject([
      { projectName: "Consent", role: "coder", offeredByName: "Owner" },
    ]);
    const offerId = offers.body.offers[0]?.id as string;
    // Nobody else can take it up for them.
    expect((await call(ownerToken, "POST", `/offers/${offerId}/accept`)).status).toBe(403);
    expect((await call(colleagueToken, "POST", `/offers/${offerId}/accept`)).status).toBe(200);
    expect(services.projects.roleOf(project.id, colleague.id)).toBe("coder");
    expect((await call(colleagueToken, "GET", "/offers")).body.offers).toEqual([]);

    // Declined, an offer is gone and the person is not a member.
    await call(ownerToken, "POST", `/projects/${project.id}/members`, {
      email: "nobody@example.org",
      role: "observer",
    });
    const nobody = services.users.create({ email: "nobody@example.org", name: "Nobody", passwordHash: "!" });
    const nobodyToken = tokenOf(nobody.id);
    const [offer] = (await call(nobodyToken, "GET", "/offers")).body.offers;
    expect(offer?.role).toBe("observer");
    expect((await call(nobodyToken, "DELETE", `/offers/${offer?.id}`)).status).toBe(200);
    expect(services.projects.roleOf(project.id, nobody.id)).toBeNull();
    expect((await call(ownerToken, "GET", `/projects/${project.id}/offers`)).body.offers).toEqual([]);
  });
});
