import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, createApiClient, startTestServer, type TestServer } from "../../testing";

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.dispose();
});

const password = "a long enough passphrase";

async function signUp(email: string, extra: Record<string, unknown> = {}): Promise<ApiClient> {
  const client = createApiClient(server.url);
  const response = await client.request("POST", "/api/auth/sign-up", {
    body: { name: email.split("@")[0], email, password, ...extra },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return client;
}

describe("signing up", () => {
  it("makes the first account on a fresh instance its administrator", async () => {
    const admin = await signUp("first@example.org");
    const me = await admin.request("GET", "/api/auth/me");
    expect(me.body).toMatchObject({ user: { email: "first@example.org", isAdmin: true }, via: "session" });
  });

  it("lets exactly one of eight racing sign-ups on a fresh instance in, without an invite", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createApiClient(server.url).request("POST", "/api/auth/sign-up", {
          body: { name: `Racer ${i}`, email: `racer${i}@example.org`, password },
        }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 403, 403, 403, 403, 403, 403, 403]);
    const users = server.services.users.list();
    expect(users).toHaveLength(1);
    expect(users[0]?.isAdmin).toBe(true);
  });

  it("needs an invite once the first account exists", async () => {
    await signUp("first@example.org");
    const stranger = createApiClient(server.url);
    const response = await stranger.request("POST", "/api/auth/sign-up", {
      body: { name: "Stranger", email: "stranger@example.org", password },
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/invite/);
  });

  it("joins the project of the invite it signs up with, with the invite's role", async () => {
    const owner = await signUp("owner@example.org");
    const project = await owner.request<{ project: { id: string } }>("POST", "/api/projects", {
      body: { name: "Co-production" },
    });
    const invite = await owner.request<{ token: string }>(
      "POST",
      `/api/projects/${project.body.project.id}/invites`,
      {
        body: { role: "coder", expiresInDays: 7 },
      },
    );
    const coder = await signUp("coder@example.org", { invite: invite.body.token });
    const list = await coder.request<{ projects: { id: string; role: string }[] }>("GET", "/api/projects");
    expect(list.body.projects).toEqual([
      expect.objectContaining({ id: project.body.project.id, role: "coder" }),
    ]);
  });

  it("explains what is wrong with a weak password or a taken email", async () => {
    await signUp("first@example.org");
    const client = createApiClient(server.url);
    const weak = await client.request("POST", "/api/auth/sign-up", {
      body: { name: "A", email: "a@example.org", password: "short" },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/at least 10 characters/);
    const taken = await createApiClient(server.url).request("POST", "/api/auth/sign-up", {
      body: { name: "B", email: "FIRST@example.org", password },
    });
    expect([403, 409]).toContain(taken.status);
  });

  it("refuses a body that is not JSON with a readable message", async () => {
    const response = await fetch(`${server.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "bad_request",
      message: "The request body must be JSON.",
    });
  });
});

describe("signing in", () => {
  it("gives the same answer for a wrong password and an unknown account", async () => {
    await signUp("first@example.org");
    const wrong = await createApiClient(server.url).request("POST", "/api/auth/sign-in", {
      body: { email: "first@example.org", password: "not the password" },
    });
    const unknown = await createApiClient(server.url).request("POST", "/api/auth/sign-in", {
      body: { email: "nobody@example.org", password: "not the password" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("locks an account at an address for a while after five failed attempts, even with the right password", async () => {
    await signUp("first@example.org");
    const attacker = createApiClient(server.url);
    for (let i = 0; i < 5; i++) {
      await attacker.request("POST", "/api/auth/sign-in", {
        body: { email: "first@example.org", password: `guess ${i}` },
      });
    }
    const locked = await attacker.request("POST", "/api/auth/sign-in", {
      body: { email: "first@example.org", password },
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.body.message).toMatch(/Try again in \d+ minutes?/);
    // The count is in SQLite: a restart does not forget it.
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir });
    const afterRestart = await createApiClient(server.url).request("POST", "/api/auth/sign-in", {
      body: { email: "first@example.org", password },
    });
    expect(afterRestart.status).toBe(429);
  });

  it("counts guesses made in parallel before checking any of them", async () => {
    await signUp("first@example.org");
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createApiClient(server.url).request("POST", "/api/auth/sign-in", {
          body: { email: "first@example.org", password: `parallel guess ${i}` },
        }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("behind a trusted proxy, holds back a flooding address without locking out anyone elsewhere", async () => {
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir, trustProxy: true });
    await signUp("first@example.org");
    const from = (address: string, email: string, guess: string) =>
      createApiClient(server.url).request("POST", "/api/auth/sign-in", {
        body: { email, password: guess },
        headers: { "x-forwarded-for": `203.0.113.9, ${address}` },
      });
    // A spray from one address at many accounts, and at the real one, until it is held back.
    const spray = [];
    for (let i = 0; i < 55; i++)
      spray.push((await from("198.51.100.66", `someone${i}@example.org`, "x")).status);
    expect(spray.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(spray.slice(50).every((s) => s === 429)).toBe(true);
    for (let i = 0; i < 5; i++) await from("198.51.100.67", "first@example.org", `guess ${i}`);
    expect((await from("198.51.100.67", "first@example.org", password)).status).toBe(429);
    // The account's owner, from their own address, signs in.
    expect((await from("198.51.100.7", "first@example.org", password)).status).toBe(200);
  });

  it("issues a new session secret, so a cookie planted before sign-in is worthless (no fixation)", async () => {
    await signUp("first@example.org");
    const victim = createApiClient(server.url);
    victim.cookie = "planted-by-attacker";
    await victim.request("POST", "/api/auth/sign-in", { body: { email: "first@example.org", password } });
    expect(victim.cookie).not.toBe("planted-by-attacker");
    const attacker = createApiClient(server.url);
    attacker.cookie = "planted-by-attacker";
    expect((await attacker.request("GET", "/api/auth/me")).status).toBe(401);
  });

  it("replaces an existing session on sign-in, so the old cookie stops working", async () => {
    const user = await signUp("first@example.org");
    const before = user.cookie;
    await user.request("POST", "/api/auth/sign-in", { body: { email: "first@example.org", password } });
    const stale = createApiClient(server.url);
    stale.cookie = before;
    expect((await stale.request("GET", "/api/auth/me")).status).toBe(401);
    expect((await user.request("GET", "/api/auth/me")).status).toBe(200);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const response = await fetch(`${server.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ name: "A", email: "a@example.org", password }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });
});

describe("sessions", () => {
  it("end at sign-out", async () => {
    const user = await signUp("first@example.org");
    const cookie = user.cookie;
    await user.request("POST", "/api/auth/sign-out");
    const replay = createApiClient(server.url);
    replay.cookie = cookie;
    expect((await replay.request("GET", "/api/auth/me")).status).toBe(401);
  });

  it("are refused once expired, whether idle or past their absolute end", async () => {
    const idle = await signUp("idle@example.org");
    server.db
      .prepare("UPDATE sessions SET last_seen_at = last_seen_at - ?")
      .run(server.services.config.sessionIdleMs + 1);
    expect((await idle.request("GET", "/api/auth/me")).status).toBe(401);

    const old = createApiClient(server.url);
    await old.request("POST", "/api/auth/sign-in", { body: { email: "idle@example.org", password } });
    server.db.prepare("UPDATE sessions SET expires_at = ?").run(Date.now() - 1);
    expect((await old.request("GET", "/api/auth/me")).status).toBe(401);
  });

  it("refuse a state-changing request from another site (CSRF), and one without any Origin", async () => {
    const user = await signUp("first@example.org");
    const foreign = await user.request("POST", "/api/projects", {
      body: { name: "x" },
      origin: "https://evil.example",
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toBe("cross_site_request");
    const bare = await user.request("POST", "/api/projects", { body: { name: "x" }, origin: null });
    expect(bare.status).toBe(403);
    const same = await user.request("POST", "/api/projects", { body: { name: "x" } });
    expect(same.status).toBe(201);
  });

  it("refuse signing in or up from another site's page, and any body that is not JSON", async () => {
    await signUp("attacker@example.org");
    // A form on another site posting the attacker's credentials, to sign the victim's browser in.
    const form = await fetch(`${server.url}/api/auth/sign-in`, {
      method: "POST",
      headers: {
        "content-type": "text/plain",
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      },
      body: JSON.stringify({ email: "attacker@example.org", password }),
    });
    expect(form.status).toBe(403);
    expect(form.headers.get("set-cookie")).toBeNull();
    const foreignJson = await createApiClient(server.url).request("POST", "/api/auth/sign-in", {
      body: { email: "attacker@example.org", password },
      origin: "https://evil.example",
    });
    expect(foreignJson.status).toBe(403);
    const plain = await fetch(`${server.url}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: server.url },
      body: JSON.stringify({ email: "attacker@example.org", password }),
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ error: "unsupported_media_type" });
    const ours = await createApiClient(server.url).request("POST", "/api/auth/sign-in", {
      body: { email: "attacker@example.org", password },
    });
    expect(ours.status).toBe(200);
  });

  it("all end when the password changes, except the browser that changed it", async () => {
    const laptop = await signUp("first@example.org");
    const phone = createApiClient(server.url);
    await phone.request("POST", "/api/auth/sign-in", { body: { email: "first@example.org", password } });
    const wrong = await laptop.request("POST", "/api/auth/password", {
      body: { currentPassword: "wrong password!", newPassword: "another long passphrase" },
    });
    expect(wrong.status).toBe(400);
    const changed = await laptop.request("POST", "/api/auth/password", {
      body: { currentPassword: password, newPassword: "another long passphrase" },
    });
    expect(changed.status).toBe(200);
    expect((await laptop.request("GET", "/api/auth/me")).status).toBe(200);
    expect((await phone.request("GET", "/api/auth/me")).status).toBe(401);
    const relogin = await createApiClient(server.url).request("POST", "/api/auth/sign-in", {
      body: { email: "first@example.org", password: "another long passphrase" },
    });
    expect(relogin.status).toBe(200);
  });
});

describe("personal API tokens", () => {
  it("authenticate scripts without cookies or Origin, until revoked", async () => {
    const user = await signUp("first@example.org");
    const created = await user.request<{ token: string; record: { id: string } }>("POST", "/api/tokens", {
      body: { name: "nightly export", expiresInDays: 30 },
    });
    expect(created.body.token).toMatch(/^concord_pat_/);
    const script = createApiClient(server.url);
    const viaToken = await script.request("POST", "/api/projects", {
      body: { name: "from a script" },
      token: created.body.token,
      origin: null,
    });
    expect(viaToken.status).toBe(201);
    await user.request("DELETE", `/api/tokens/${created.body.record.id}`);
    const revoked = await script.request("GET", "/api/projects", { token: created.body.token, origin: null });
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toMatch(/revoked/);
  });

  it("are stored hashed, never as the secret", async () => {
    const user = await signUp("first@example.org");
    const created = await user.request<{ token: string }>("POST", "/api/tokens", {
      body: { name: "t", expiresInDays: 1 },
    });
    const stored = server.db.prepare("SELECT token_hash FROM api_tokens").pluck().all() as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(created.body.token);
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("cannot mint further tokens or change the password", async () => {
    const user = await signUp("first@example.org");
    const { body } = await user.request<{ token: string }>("POST", "/api/tokens", {
      body: { name: "t", expiresInDays: 1 },
    });
    const script = createApiClient(server.url);
    expect(
      (
        await script.request("POST", "/api/tokens", {
          body: { name: "u", expiresInDays: 1 },
          token: body.token,
        })
      ).status,
    ).toBe(401);
  });

  it("are refused once expired", async () => {
    const user = await signUp("first@example.org");
    const { body } = await user.request<{ token: string }>("POST", "/api/tokens", {
      body: { name: "t", expiresInDays: 1 },
    });
    server.db.prepare("UPDATE api_tokens SET expires_at = ?").run(Date.now() - 1);
    expect(
      (await createApiClient(server.url).request("GET", "/api/projects", { token: body.token })).status,
    ).toBe(401);
  });
});
