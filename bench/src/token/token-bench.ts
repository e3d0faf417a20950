/**
 * Token endpoint benchmark (docs/product-rules.md#benchmarks): client-credentials requests per
 * second against identity, against oidc-provider configured equivalently (RS256 JWT access tokens,
 * client_secret_post) and against the floor (bench/src/floor/: a bare node:https server that only
 * parses the form, checks the client and signs one RS256 token), same machine, same certificate,
 * same concurrency, alternating rounds; each server runs in its own process so the load generator
 * does not share its thread, all three driven by wrk (load.ts). Each round also reads each server's CPU per request from /proc, set
 * beside one RS256 signature measured in this process in the same round. Goal: identity ≥ 1.5× oidc-provider.
 */
import type { ChildProcess } from "node:child_process";
import { decodeJwt } from "jose";
import { median, startChildServer, stopChildServer } from "../child-server";
import { identityTls } from "../floor/identity-tls";
import { type LoadResult, runLoad, type Target } from "./load";
import { rs256SignRate, signatureCpu } from "./sign-rate";

export interface ServerRuns {
  /** The round with the median throughput. */
  readonly median: LoadResult;
  /** Server CPU per request (user + system, every thread, /proc), µs: median of the rounds. */
  readonly cpuUs: number;
  /** The main thread's share (the event loop: TLS, HTTP, the route), µs: median of the rounds. */
  readonly mainThreadCpuUs: number;
  /** CPU per request over one RS256 signature's CPU in the same round, per round. */
  readonly cpuPerSign: number[];
}

export interface TokenBenchResult {
  readonly identity: ServerRuns;
  readonly oidcProvider: ServerRuns;
  readonly floor: ServerRuns;
  /** identity's rate over oidc-provider's: median of the rounds (each round runs all three back to back). */
  readonly ratio: number;
  /** Lowest and highest round ratio: how much the shared machine moved during the run. */
  readonly ratioRange: readonly [number, number];
  /** The floor's rate over oidc-provider's, per round: the best ratio a Node HTTPS server reaches here. */
  readonly floorRatios: number[];
  /** identity's rate over the floor's, per round. */
  readonly identityVsFloor: number[];
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly signRate: { oneThread: number; threadPool: number };
  /** One RS256 signature's CPU (µs, this process, one thread), measured in each round. */
  readonly signMicros: readonly number[];
  readonly concurrency: number;
  readonly seconds: number;
}

const startServer = async (script: URL, args: string[] = []) => {
  const { child, ready } = await startChildServer<Target & { dataDir?: string }>(script, args);
  return { child, target: ready };
};

function checked(name: string, runs: LoadResult[]): void {
  for (const result of runs) {
    if (result.failures > 0 || result.samples.length === 0)
      throw new Error(`${name}: ${result.failures} failed requests; sample ${result.sample.slice(0, 300)}`);
    // One answer per wrk thread: a run fails if a server stops returning a JWT.
    for (const sample of result.samples) {
      const token = (JSON.parse(sample) as { access_token?: string }).access_token;
      if (!token) throw new Error(`${name}: no access token in ${sample.slice(0, 300)}`);
      decodeJwt(token);
    }
  }
}

function summarise(runs: LoadResult[], signMicros: readonly number[]): ServerRuns {
  const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
  return {
    median: sorted[Math.floor(sorted.length / 2)] as LoadResult,
    cpuUs: median(runs.map((r) => r.cpuUs ?? Number.NaN)),
    mainThreadCpuUs: median(runs.map((r) => r.mainThreadCpuUs ?? Number.NaN)),
    cpuPerSign: runs.map((r, i) => (r.cpuUs ?? Number.NaN) / (signMicros[i] ?? Number.NaN)),
  };
}

const perRound = (a: LoadResult[], b: LoadResult[]) =>
  a.map((run, i) => run.perSecond / (b[i]?.perSecond ?? Number.NaN));

export async function benchTokenEndpoint(
  options: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<TokenBenchResult> {
  const concurrency = options.concurrency ?? 32;
  const seconds = options.seconds ?? 5;
  const rounds = options.rounds ?? 5;
  const warmupSeconds = 3;
  const signRate = await rs256SignRate();
  const signCpu = signatureCpu();
  const signMicros: number[] = [];

  const identity = await startServer(new URL("./identity-server.ts", import.meta.url));
  const servers: { child: ChildProcess; target: Target }[] = [identity];
  const runs: LoadResult[][] = [[], [], []];
  try {
    // The peer and the floor present identity's very certificate, so TLS costs the same on every side.
    const tls = JSON.stringify(identityTls(identity.target));
    servers.push(
      await startServer(new URL("./oidc-provider-server.ts", import.meta.url), [tls]),
      await startServer(new URL("../floor/floor-server.ts", import.meta.url), [tls]),
    );
    // Every JIT compiler reaches its steady state before anything is counted.
    for (const server of servers)
      await runLoad(server.target, { concurrency, seconds: warmupSeconds, warmupSeconds: 0 });
    // Alternating rounds: every server sees the same background load on a shared machine.
    for (let round = 0; round < rounds; round++) {
      // The reference of this round's CPU ratios, taken while no server is under load.
      signMicros.push(signCpu(1));
      for (const [i, server] of servers.entries())
        runs[i]?.push(
          await runLoad(server.target, {
            concurrency,
            seconds,
            warmupSeconds: 1,
            pid: server.child.pid ?? 0,
          }),
        );
    }
  } finally {
    for (const server of servers) await stopChildServer(server.child);
  }
  const [ours = [], theirs = [], floor = []] = runs;
  checked("identity", ours);
  checked("oidc-provider", theirs);
  checked("floor", floor);
  const ratios = perRound(ours, theirs);
  return {
    identity: summarise(ours, signMicros),
    oidcProvider: summarise(theirs, signMicros),
    floor: summarise(floor, signMicros),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    floorRatios: perRound(floor, theirs),
    identityVsFloor: perRound(ours, floor),
    rounds,
    warmupSeconds,
    signRate,
    signMicros,
    concurrency,
    seconds: seconds * rounds,
  };
}
