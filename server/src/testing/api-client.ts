/** A response from the API, body parsed as JSON. */
export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * A minimal browser-like client for API tests: it keeps the session cookie it is given and sends
 * the Origin header a page on the server would send. `origin: null` acts like a cross-site page
 * that cannot set Origin; any other string acts like that site.
 */
export interface ApiClient {
  cookie: string | null;
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; origin?: string | null; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
}

const SESSION_COOKIE = /concord_session=([^;]*)/;

/** A new client against `baseUrl` with no cookie. */
export function createApiClient(baseUrl: string): ApiClient {
  const client: ApiClient = {
    cookie: null,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.body !== undefined) headers["content-type"] = "application/json";
      if (client.cookie) headers.cookie = `concord_session=${client.cookie}`;
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const origin = options.origin === undefined ? baseUrl : options.origin;
      if (origin !== null) headers.origin = origin;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const setCookie = response.headers.get("set-cookie");
      const match = setCookie ? SESSION_COOKIE.exec(setCookie) : null;
      if (match) client.cookie = match[1] || null;
      const text = await response.text();
      let body: unknown = {};
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        body = { text };
      }
      return { status: response.status, body: body as never, headers: response.headers };
    },
  };
  return client;
}
