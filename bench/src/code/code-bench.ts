/**
 * Authorization-code and refresh benchmark (issue 17): the flow a web app drives once its user has
 * a session (authorize → code at the redirect URI → token redemption with PKCE, ID token and refresh
 * token), and refresh-token redemptions (each worker redeems the refresh token it was last given:
 * both servers rotate them), against identity and against oidc-provider configured alike, same
 * HTTPS material, same concurrency, alternating rounds. Each server runs in its own process.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { s256Challenge } from "@sesame/identity/oauth/pkce";
import { decodeJwt } from "jose";
import { Pool } from "undici";
import { quantile, startChildServer, stopChildServer } from "../child-server";
import { loop } from "../worker-loop";
import { serverCpuUs } from "./server-cpu";

interface CodeTarget {
  readonly url: string;
  readonly ca: string;
  readonly authorizePath: string;
  readonly tokenPath: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly scope: string;
  /** The scope asked when refreshing (oidc-provider keeps offline_access out of the refresh token's). */
  readonly refreshScope?: string;
  /** identity only: the account that signs in through the real pages once, before the rounds. */
  readonly email?: string;
  readonly password?: string;
}

export interface RateResult {
  readonly perSecond: number;
  /** The server process's CPU (user + system, every thread, /proc) per flow or redemption, in µs. */
  readonly cpuUs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface Comparison {
  readonly identity: RateResult;
  readonly oidcProvider: RateResult;
  /** identity's rate over oidc-provider's, per round. */
  readonly ratios: number[];
  /** oidc-provider's CPU per operation over identity's, per round. */
  readonly cpuRatios: number[];
}

export interface CodeBenchResult {
  readonly flows: Comparison;
  readonly refresh: Comparison;
  readonly concurrency: number;
  readonly rounds: number;
  readonly seconds: number;
}

/** One browser: an undici pool, a cookie jar and the last form's CSRF token. */
class Browser {
  readonly jar = new Map<string, string>();
  csrf = "";
  constructor(readonly pool: Pool) {}

  async send(method: "GET" | "POST", pathAndQuery: string, form?: Record<string, string>) {
    const response = await this.pool.request({
      method,
      path: pathAndQuery,
      headers: {
        accept: "text/html",
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookie = response.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.jar.delete(pair.slice(0, at));
      else this.jar.set(pair.slice(0, at), value);
    }
    const body = await response.body.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    const location = response.headers.location;
    return { status: response.statusCode, body, location: typeof location === "string" ? location : "" };
  }

  copy(): Browser {
    const other = new Browser(this.pool);
    for (const [k, v] of this.jar) other.jar.set(k, v);
    return other;
  }
}

const verifier = () => randomBytes(32).toString("base64url");

function authorizePath(target: CodeTarget, codeVerifier: string): string {
  return `${target.authorizePath}?${new URLSearchParams({
    client_id: target.clientId,
    redirect_uri: target.redirectUri,
    response_type: "code",
    scope: target.scope,
    state: randomBytes(8).toString("hex"),
    nonce: randomBytes(8).toString("hex"),
    code_challenge: s256Challenge(codeVerifier),
    code_challenge_method: "S256",
  })}`;
}

/** Follows the server's own redirects until one goes to the app; returns the code, or the page where it stopped. */
async function codeFrom(browser: Browser, target: CodeTarget, first: string) {
  let page = await browser.send("GET", first);
  for (let hops = 0; hops < 8; hops++) {
    if (page.location.startsWith(target.redirectUri)) {
      const code = new URL(page.location).searchParams.get("code");
      if (!code) throw new Error(`no code at the redirect: ${page.location}`);
      return { code, page: undefined };
    }
    if (!page.location || page.status < 300 || page.status >= 400) return { code: undefined, page };
    const next = new URL(page.location, target.url);
    page = await browser.send("GET", `${next.pathname}${next.search}`);
  }
  throw new Error("too many redirects");
}

/** identity: the real sign-in pages and the consent page, once; later flows ride on the session. */
async function signInOnce(browser: Browser, target: CodeTarget): Promise<void> {
  const codeVerifier = verifier();
  const start = await browser.send("GET", authorizePath(target, codeVerifier));
  if (!start.location.startsWith("/login"))
    throw new Error(`authorize did not ask to sign in: ${start.status}`);
  const returnTo = new URL(start.location, target.url).searchParams.get("return") ?? "";
  await browser.send("GET", start.location);
  await browser.send("POST", "/login", { email: target.email ?? "", return: returnTo, _csrf: browser.csrf });
  let done = await browser.send("POST", "/login/password", {
    email: target.email ?? "",
    password: target.password ?? "",
    return: returnTo,
    _csrf: browser.csrf,
  });
  if (done.status === 200) {
    const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
    done = await browser.send("POST", "/login/kmsi", {
      return: returnTo,
      sid,
      answer: "yes",
      _csrf: browser.csrf,
    });
  }
  const result = await codeFrom(browser, target, done.location);
  if (result.code !== undefined) return;
  const request = /name="request" value="([^"]+)"/.exec(result.page.body)?.[1]?.replace(/&amp;/g, "&");
  if (!request)
    throw new Error(
      `neither a code nor a consent page: ${result.page.status} ${result.page.body.slice(0, 200)}`,
    );
  const consent = await browser.send("POST", target.authorizePath, {
    request,
    decision: "accept",
    _csrf: browser.csrf,
  });
  if (!consent.location.startsWith(target.redirectUri)) throw new Error(`consent gave ${consent.status}`);
}

async function postToken(pool: Pool, target: CodeTarget, form: Record<string, string>) {
  const response = await pool.request({
    method: "POST",
    path: target.tokenPath,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`token ${response.statusCode}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id_token?: string; refresh_token?: string; access_token?: string };
}

/**
 * Both servers must sign the same work: an ID token and a JWT access token per flow and per refresh
 * (oidc-provider's default access token is opaque, which would spare it one RS256 signature).
 */
function signedTokens(tokens: { id_token?: string; access_token?: string }) {
  if (!tokens.id_token || !tokens.access_token) throw new Error("no ID token or no access token");
  return { idToken: decodeJwt(tokens.id_token), accessToken: decodeJwt(tokens.access_token) };
}

/** One whole flow: authorize on the session → code → redemption; returns the refresh token. */
async function flow(browser: Browser, target: CodeTarget): Promise<string> {
  const codeVerifier = verifier();
  const result = await codeFrom(browser, target, authorizePath(target, codeVerifier));
  if (result.code === undefined)
    throw new Error(`authorize stopped at ${result.page.status}: ${result.page.body.slice(0, 200)}`);
  const tokens = await postToken(browser.pool, target, {
    grant_type: "authorization_code",
    client_id: target.clientId,
    client_secret: target.clientSecret,
    code: result.code,
    redirect_uri: target.redirectUri,
    code_verifier: codeVerifier,
  });
  if (!tokens.id_token || !tokens.refresh_token) throw new Error("no ID token or no refresh token");
  signedTokens(tokens);
  return tokens.refresh_token;
}

async function timed(
  server: ChildProcess,
  concurrency: number,
  seconds: number,
  work: (worker: number) => Promise<void>,
) {
  const cpuBefore = serverCpuUs(server);
  const { perSecond, latencies } = await loop(concurrency, seconds, work);
  const cpuUs = (serverCpuUs(server) - cpuBefore) / latencies.length;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => quantile(latencies, q);
  return {
    perSecond,
    cpuUs,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

interface Prepared {
  readonly server: ChildProcess;
  readonly target: CodeTarget;
  readonly pool: Pool;
  readonly browsers: Browser[];
  readonly refreshTokens: string[];
}

async function prepare(server: ChildProcess, target: CodeTarget, concurrency: number): Promise<Prepared> {
  const pool = new Pool(target.url, { connections: concurrency, connect: { ca: target.ca } });
  const first = new Browser(pool);
  if (target.email) await signInOnce(first, target);
  const browsers = Array.from({ length: concurrency }, () => first.copy());
  const refreshTokens = [];
  for (const browser of browsers) refreshTokens.push(await flow(browser, target));
  return { server, target, pool, browsers, refreshTokens };
}

const flowsRound = (p: Prepared, concurrency: number, seconds: number) =>
  timed(p.server, concurrency, seconds, async (w) => {
    await flow(p.browsers[w] as Browser, p.target);
  });

const refreshRound = (p: Prepared, concurrency: number, seconds: number) =>
  timed(p.server, concurrency, seconds, async (w) => {
    const tokens = await postToken(p.pool, p.target, {
      grant_type: "refresh_token",
      client_id: p.target.clientId,
      client_secret: p.target.clientSecret,
      refresh_token: p.refreshTokens[w] ?? "",
      scope: p.target.refreshScope ?? p.target.scope,
    });
    if (!tokens.refresh_token) throw new Error("refresh gave no refresh token");
    signedTokens(tokens);
    p.refreshTokens[w] = tokens.refresh_token;
  });

export async function benchCodeFlow(
  options: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<CodeBenchResult> {
  const concurrency = options.concurrency ?? 16;
  const seconds = options.seconds ?? 4;
  const rounds = options.rounds ?? 3;
  const identity = await startChildServer<CodeTarget & { dataDir?: string }>(
    new URL("./identity-code-server.ts", import.meta.url),
  );
  let provider: Awaited<ReturnType<typeof startChildServer<CodeTarget>>> | undefined;
  const prepared: Prepared[] = [];
  try {
    const tlsDir = path.join(identity.ready.dataDir ?? "", "tls");
    const tls = {
      cert: fs.readFileSync(path.join(tlsDir, "server.pem"), "utf8"),
      key: fs.readFileSync(path.join(tlsDir, "server-key.pem"), "utf8"),
      ca: identity.ready.ca,
    };
    provider = await startChildServer<CodeTarget>(
      new URL("./oidc-provider-code-server.ts", import.meta.url),
      [JSON.stringify(tls)],
    );
    const ours = await prepare(identity.child, identity.ready, concurrency);
    const theirs = await prepare(provider.child, provider.ready, concurrency);
    prepared.push(ours, theirs);
    // Warm-up: both JIT compilers reach their steady state before anything is counted.
    for (const p of prepared) {
      await flowsRound(p, concurrency, Math.min(2, seconds));
      await refreshRound(p, concurrency, Math.min(2, seconds));
    }
    const runs = { flows: [[], []] as RateResult[][], refresh: [[], []] as RateResult[][] };
    for (let round = 0; round < rounds; round++) {
      for (const [i, p] of prepared.entries()) runs.flows[i]?.push(await flowsRound(p, concurrency, seconds));
      for (const [i, p] of prepared.entries())
        runs.refresh[i]?.push(await refreshRound(p, concurrency, seconds));
    }
    const summary = (pair: RateResult[][]) => {
      const [a = [], b = []] = pair;
      const ratios = a.map((r, i) => r.perSecond / (b[i]?.perSecond ?? Number.NaN));
      // CPU per operation, oidc-provider's over identity's: above 1 when identity spends less.
      const cpuRatios = a.map((r, i) => (b[i]?.cpuUs ?? Number.NaN) / r.cpuUs);
      const mid = (list: RateResult[]) =>
        [...list].sort((x, y) => x.perSecond - y.perSecond)[Math.floor(list.length / 2)] as RateResult;
      return { identity: mid(a), oidcProvider: mid(b), ratios, cpuRatios };
    };
    return { flows: summary(runs.flows), refresh: summary(runs.refresh), concurrency, rounds, seconds };
  } finally {
    for (const p of prepared) await p.pool.close();
    await stopChildServer(identity.child);
    if (provider) await stopChildServer(provider.child);
  }
}
