/**
 * Authorization-code and refresh benchmark (issue 17): the flow a web app drives once its user has
 * a session (authorize → code at the redirect URI → token redemption with PKCE, ID token and refresh
 * token), and refresh-token redemptions (each worker redeems the refresh token it was last given:
 * every server rotates them), against identity, oidc-provider configured alike, and the floor (a
 * bare node:https server doing only the flow's unavoidable work, bench/src/floor/): same HTTPS
 * material, same concurrency, alternating rounds. Each server runs in its own process.
 */
import type { ChildProcess } from "node:child_process";
import { Pool } from "undici";
import { quantile, startChildServer, stopChildServer } from "../child-server";
import { identityTls } from "../floor/identity-tls";
import { rs256SignRate } from "../token/sign-rate";
import { loop } from "../worker-loop";
import { Browser, type CodeTarget } from "./browser";
import { flow, redeemRefresh, signInOnce } from "./code-flow-client";
import { serverCpuUs } from "./server-cpu";

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
  readonly floor: RateResult;
  /** identity's rate over oidc-provider's, per round. */
  readonly ratios: number[];
  /** oidc-provider's CPU per operation over identity's, per round. */
  readonly cpuRatios: number[];
  /** The floor's rate over oidc-provider's, per round: the best ratio this machine allows. */
  readonly floorRatios: number[];
  /** identity's rate over the floor's, per round. */
  readonly identityVsFloor: number[];
}

export interface CodeBenchResult {
  readonly flows: Comparison;
  readonly refresh: Comparison;
  readonly concurrency: number;
  readonly rounds: number;
  readonly seconds: number;
  /** CPU time of one RS256 signature on one thread, µs, same run (each operation signs two). */
  readonly signMicros: number;
}

async function timed(
  server: ChildProcess,
  concurrency: number,
  seconds: number,
  work: (worker: number) => Promise<void>,
): Promise<RateResult> {
  const cpuBefore = serverCpuUs(server);
  const { perSecond, latencies } = await loop(concurrency, seconds, work);
  const cpuUs = (serverCpuUs(server) - cpuBefore) / latencies.length;
  latencies.sort((a, b) => a - b);
  return { perSecond, cpuUs, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
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
  if (target.sessionCookie) {
    const [name = "", value = ""] = target.sessionCookie.split("=");
    first.jar.set(name, value);
  }
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
    p.refreshTokens[w] = await redeemRefresh(p.pool, p.target, p.refreshTokens[w] ?? "");
  });

/** Per-round ratios and the median round of each server; `runs` is [identity, oidc-provider, floor]. */
function summary(runs: RateResult[][]): Comparison {
  const [ours = [], theirs = [], floor = []] = runs;
  const per = (a: RateResult[], b: RateResult[], f: (x: RateResult, y: RateResult) => number) =>
    a.map((x, i) => (b[i] ? f(x, b[i]) : Number.NaN));
  const rate = (x: RateResult, y: RateResult) => x.perSecond / y.perSecond;
  const mid = (list: RateResult[]) =>
    [...list].sort((x, y) => x.perSecond - y.perSecond)[Math.floor(list.length / 2)] as RateResult;
  return {
    identity: mid(ours),
    oidcProvider: mid(theirs),
    floor: mid(floor),
    ratios: per(ours, theirs, rate),
    // oidc-provider's CPU per operation over identity's: above 1 when identity spends less.
    cpuRatios: per(ours, theirs, (x, y) => y.cpuUs / x.cpuUs),
    floorRatios: per(floor, theirs, rate),
    identityVsFloor: per(ours, floor, rate),
  };
}

export async function benchCodeFlow(
  options: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<CodeBenchResult> {
  const concurrency = options.concurrency ?? 16;
  const seconds = options.seconds ?? 4;
  const rounds = options.rounds ?? 3;
  const sign = await rs256SignRate(Math.min(2, seconds / 2));
  const identity = await startChildServer<CodeTarget & { dataDir?: string }>(
    new URL("./identity-code-server.ts", import.meta.url),
  );
  const others: Awaited<ReturnType<typeof startChildServer<CodeTarget>>>[] = [];
  const prepared: Prepared[] = [];
  try {
    // The peer and the floor present identity's very certificate: TLS costs the same on every side.
    const tls = JSON.stringify(identityTls(identity.ready));
    others.push(
      await startChildServer<CodeTarget>(new URL("./oidc-provider-code-server.ts", import.meta.url), [tls]),
      await startChildServer<CodeTarget>(new URL("../floor/floor-server.ts", import.meta.url), [tls]),
    );
    for (const server of [identity, ...others])
      prepared.push(await prepare(server.child, server.ready, concurrency));
    // Warm-up: every JIT compiler reaches its steady state before anything is counted.
    for (const p of prepared) {
      await flowsRound(p, concurrency, Math.min(2, seconds));
      await refreshRound(p, concurrency, Math.min(2, seconds));
    }
    const runs = {
      flows: prepared.map((): RateResult[] => []),
      refresh: prepared.map((): RateResult[] => []),
    };
    // Alternating rounds: every server sees the same background load on a shared machine.
    for (let round = 0; round < rounds; round++) {
      for (const [i, p] of prepared.entries()) runs.flows[i]?.push(await flowsRound(p, concurrency, seconds));
      for (const [i, p] of prepared.entries())
        runs.refresh[i]?.push(await refreshRound(p, concurrency, seconds));
    }
    return {
      flows: summary(runs.flows),
      refresh: summary(runs.refresh),
      concurrency,
      rounds,
      seconds,
      signMicros: sign.cpuMicros,
    };
  } finally {
    for (const p of prepared) await p.pool.close();
    await stopChildServer(identity.child);
    for (const server of others) await stopChildServer(server.child);
  }
}
