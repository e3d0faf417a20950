import type { FastifyInstance, InjectOptions } from "fastify";

/**
 * Fuzzing of every route a service registers (docs/product-rules.md#fuzzing: "fuzzed inputs on every endpoint give
 * 4xx, never 5xx"). Routes come from Fastify's own table, so a route added later is fuzzed without
 * anyone listing it. Inputs are drawn from a fixed seed: a failure replays identically.
 */

export interface Route {
  readonly method: string;
  readonly path: string;
}

/** Every method and path of `app`, read from `printRoutes` (one line per segment, indented by depth). */
export function routesOf(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const marker = line.search(/[├└]── /);
    if (marker < 0) continue;
    const depth = marker / 4;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(marker + 4));
    if (!match) continue;
    stack.length = depth;
    stack.push(match[1] ?? "");
    const path = stack.join("");
    for (const method of (match[2] ?? "").split(", ").filter(Boolean))
      if (method !== "HEAD") routes.push({ method, path });
  }
  return routes;
}

/** Values that have broken parsers, databases and templates before. */
export const HOSTILE_VALUES: readonly string[] = [
  "",
  " ",
  "x".repeat(5000),
  "%",
  "%zz",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "😀",
  "<script>alert(1)</script>",
  "' or '1'='1",
  "../../../etc/passwd",
  "//evil.example/",
  "https://evil.example/cb",
  "javascript:alert(1)",
  "null",
  "[]",
  "{}",
  "-1",
  "0",
  "1e309",
  "NaN",
  "true",
  "00000000-0000-0000-0000-000000000000",
  "not-a-guid",
];

/** Parameter names the services read: fuzzing them reaches past "missing parameter" checks. */
export const KNOWN_FIELDS: readonly string[] = [
  "client_id",
  "redirect_uri",
  "response_type",
  "response_mode",
  "scope",
  "state",
  "nonce",
  "prompt",
  "login_hint",
  "domain_hint",
  "code_challenge",
  "code_challenge_method",
  "resource",
  "grant_type",
  "code",
  "code_verifier",
  "refresh_token",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
  "device_code",
  "sid",
  "return",
  "back",
  "to",
  "email",
  "password",
  "answer",
  "decision",
  "request",
  "username",
  "name",
  "siren",
  "phone",
  "dossier",
  "role",
  "sku",
  "seats",
  "domain",
  "year",
  "month",
  "day",
  "country",
  "altcha",
  "$filter",
  "$top",
  "$select",
];

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzOptions {
  /** Values tried for each `:param` of a path (`:tenant`, `:id` …); the default is HOSTILE_VALUES. */
  readonly params?: Readonly<Record<string, readonly string[]>>;
  /** Cookies and a CSRF token sent with every request (a signed-in browser), if any. */
  readonly cookie?: string;
  readonly csrf?: string;
  /** Field names the service reads besides KNOWN_FIELDS. */
  readonly fields?: readonly string[];
  /** Requests per route. */
  readonly cases?: number;
  readonly seed?: number;
}

export interface FuzzFailure {
  readonly method: string;
  readonly url: string;
  readonly body: string | undefined;
  readonly status: number;
  readonly answer: string;
}

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)] as T;
}

function fields(next: () => number, names: readonly string[], csrf: string | undefined): [string, string][] {
  const count = 1 + Math.floor(next() * 6);
  const out: [string, string][] = [];
  for (let i = 0; i < count; i++) out.push([pick(next, names), pick(next, HOSTILE_VALUES)]);
  if (csrf && next() < 0.8) out.push(["_csrf", csrf]);
  return out;
}

/** Percent-encoding; a lone surrogate cannot be encoded, so it goes through as its raw bytes. */
function percentEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

function encode(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");
}

/** One request for `route`: hostile path parameters, query and body, in one of several encodings. */
function fuzzCase(route: Route, next: () => number, options: FuzzOptions): InjectOptions {
  const names = [...KNOWN_FIELDS, ...(options.fields ?? [])];
  const path = route.path.replace(
    /:(\w+)/g,
    (_, name: string) => percentEncode(pick(next, options.params?.[name] ?? HOSTILE_VALUES)) || "x",
  );
  const query = next() < 0.7 ? `?${encode(fields(next, names, undefined))}` : "";
  const headers: Record<string, string> = {
    accept: next() < 0.5 ? "text/html" : "application/json",
    ...(options.cookie ? { cookie: options.cookie } : {}),
  };
  const request: InjectOptions = { method: route.method as never, url: `${path}${query}`, headers };
  if (route.method === "GET") return request;
  const shape = next();
  if (shape < 0.5) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    request.payload = encode(fields(next, names, options.csrf));
  } else if (shape < 0.75) {
    headers["content-type"] = "application/json";
    const body: Record<string, unknown> = {};
    for (const [k, v] of fields(next, names, options.csrf))
      body[k] = pick(next, [v, Number(v), [v], { v }, null, true]);
    request.payload = JSON.stringify(body);
  } else if (shape < 0.85) {
    headers["content-type"] = "application/json";
    request.payload = '{"client_id": "unterminated';
  } else if (shape < 0.95) {
    headers["content-type"] = pick(next, ["text/plain", "application/xml", "multipart/form-data"]);
    request.payload = pick(next, HOSTILE_VALUES);
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded";
    request.payload = "%";
  }
  return request;
}

/** What a page must never carry back from its input: an unescaped script, a javascript: link. */
function reflectedAttack(body: string, contentType: string): boolean {
  if (!contentType.includes("text/html")) return false;
  return body.includes("<script>alert(1)</script>") || /(href|src|action)="javascript:/i.test(body);
}

/**
 * Sends `cases` hostile requests to every route; returns the ones answered with a 5xx, and the
 * pages that reflect an attack (an unescaped `<script>` or a `javascript:` link from the input).
 */
export async function fuzzRoutes(
  app: FastifyInstance,
  routes: readonly Route[],
  options: FuzzOptions = {},
): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = [];
  for (const [index, route] of routes.entries()) {
    const next = random((options.seed ?? 1) * 7919 + index);
    for (let i = 0; i < (options.cases ?? 20); i++) {
      const request = fuzzCase(route, next, options);
      const response = await app.inject(request);
      const reflected = reflectedAttack(response.body, String(response.headers["content-type"] ?? ""));
      if (response.statusCode >= 500 || reflected)
        failures.push({
          method: route.method,
          url: String(request.url),
          body: request.payload === undefined ? undefined : String(request.payload),
          status: response.statusCode,
          answer: response.body.slice(0, 300),
        });
    }
  }
  return failures;
}

/** The first failures, one request and its answer each, for an assertion message. */
export function describeFailures(failures: readonly FuzzFailure[], most = 5): string {
  return failures
    .slice(0, most)
    .map(
      (f) =>
        `${f.status} ${f.method} ${f.url.slice(0, 200)} ${(f.body ?? "").slice(0, 200)}\n  → ${f.answer}`,
    )
    .join("\n");
}
