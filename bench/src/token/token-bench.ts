/**
 * Token endpoint benchmark (docs/product-rules.md#benchmarks): client-credentials requests per second against identity
 * and against oidc-provider configured equivalently (RS256 JWT access tokens, client_secret_post),
 * same machine, same HTTPS, same concurrency, one after the other in the same run; each server runs
 * in its own process, driven by wrk (load.ts). Goal: identity ≥ 1.3×.
 */
import fs from "node:fs";
import path from "node:path";
import { decodeJwt } from "jose";
import { median, startChildServer, stopChildServer } from "../child-server";
import { type LoadResult, runLoad, type Target } from "./load";
import { rs256SignRate } from "./sign-rate";

export interface TokenBenchResult {
  readonly identity: LoadResult;
  readonly oidcProvider: LoadResult;
  /** Median of the rounds' ratios (each round: identity then oidc-provider, back to back). */
  readonly ratio: number;
  /** Lowest and highest round ratio: how much the shared machine moved during the run. */
  readonly ratioRange: readonly [number, number];
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly signRate: { oneThread: number; threadPool: number };
  readonly concurrency: number;
  readonly seconds: number;
}

/** The round with the median throughput: the machine is shared, so one noisy round does not decide. */
function medianRound(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)] as LoadResult;
}

const startServer = async (script: URL, args: string[] = []) => {
  const { child, ready } = await startChildServer<Target & { dataDir?: string }>(script, args);
  return { child, target: ready };
};

export async function benchTokenEndpoint(
  options: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<TokenBenchResult> {
  const concurrency = options.concurrency ?? 32;
  const seconds = options.seconds ?? 5;
  const rounds = options.rounds ?? 5;
  const warmupSeconds = 3;
  const load = { concurrency, seconds, warmupSeconds: 1 };
  const signRate = await rs256SignRate();

  const identity = await startServer(new URL("./identity-server.ts", import.meta.url));
  // oidc-provider presents the very same certificate, so TLS costs the same on both sides.
  const tlsDir = path.join(identity.target.dataDir ?? "", "tls");
  const tls = {
    cert: fs.readFileSync(path.join(tlsDir, "server.pem"), "utf8"),
    key: fs.readFileSync(path.join(tlsDir, "server-key.pem"), "utf8"),
    ca: identity.target.ca,
  };
  const provider = await startServer(new URL("./oidc-provider-server.ts", import.meta.url), [
    JSON.stringify(tls),
  ]);
  const identityRuns: LoadResult[] = [];
  const providerRuns: LoadResult[] = [];
  try {
    // Both JIT compilers reach their steady state before anything is counted.
    for (const server of [identity, provider])
      await runLoad(server.target, { concurrency, seconds: warmupSeconds, warmupSeconds: 0 });
    // Alternating rounds: both servers see the same background load on a shared machine.
    for (let round = 0; round < rounds; round++) {
      identityRuns.push(await runLoad(identity.target, load));
      providerRuns.push(await runLoad(provider.target, load));
    }
  } finally {
    await stopChildServer(identity.child);
    await stopChildServer(provider.child);
  }
  const identityResult = medianRound(identityRuns);
  const providerResult = medianRound(providerRuns);
  for (const [name, runs] of [
    ["identity", identityRuns],
    ["oidc-provider", providerRuns],
  ] as const) {
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
  const ratios = identityRuns.map((run, i) => run.perSecond / (providerRuns[i]?.perSecond ?? Number.NaN));
  return {
    identity: identityResult,
    oidcProvider: providerResult,
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    rounds,
    warmupSeconds,
    signRate,
    concurrency,
    seconds: seconds * rounds,
  };
}
