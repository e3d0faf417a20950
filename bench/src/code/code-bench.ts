/**
 * Authorization-code and refresh benchmark (issue 17): the flow a web app drives once its user has
 * a session (authorize → code at the redirect URI → token redemption with PKCE, ID token and refresh
 * token), and refresh-token redemptions (each browser redeems the refresh token it was last given:
 * every server rotates them), against identity, oidc-provider configured alike (its state durable
 * in SQLite, as identity's: sqlite-adapter.ts), the same oidc-provider with its state in memory
 * (the development adapter's way, which a restart loses: shown, not the goal's reference), and the floor (a
 * bare node:https server doing only the flow's unavoidable work, bench/src/floor/): same HTTPS
 * material, same concurrency, alternating rounds. Each server runs in its own process; the account
 * signs in once from this process, then wrk drives the flows (wrk-phase.ts).
 */
import { median, startChildServer, stopChildServer } from "../child-server";
import { identityTls } from "../floor/identity-tls";
import { signatureCpu } from "../token/sign-rate";
import { newVerifier } from "./browser";
import type { CodeBenchResult, CodeTarget, Comparison, RateResult } from "./code-target";
import { signedInCookies } from "./session";
import { flowScriptArgs, type Prepared, wrkPhase } from "./wrk-phase";

/** Per-round ratios and the median round of each server; `runs` is [identity, oidc-provider, floor, oidc-provider in memory]. */
function summary([ours = [], theirs = [], floor = [], inMemory = []]: RateResult[][]): Comparison {
  const per = (a: RateResult[], b: RateResult[], f: (x: RateResult, y: RateResult) => number) =>
    a.map((x, i) => (b[i] ? f(x, b[i]) : Number.NaN));
  const rate = (x: RateResult, y: RateResult) => x.perSecond / y.perSecond;
  const mid = (list: RateResult[]) =>
    [...list].sort((x, y) => x.perSecond - y.perSecond)[Math.floor(list.length / 2)] as RateResult;
  return {
    identity: mid(ours),
    oidcProvider: mid(theirs),
    floor: mid(floor),
    oidcProviderInMemory: mid(inMemory),
    ratios: per(ours, theirs, rate),
    inMemoryRatios: per(ours, inMemory, rate),
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
  const signCpu = signatureCpu();
  const signMicros: number[] = [];
  const identity = await startChildServer<CodeTarget & { dataDir?: string }>(
    new URL("./identity-code-server.ts", import.meta.url),
  );
  const others: Awaited<ReturnType<typeof startChildServer<CodeTarget>>>[] = [];
  try {
    // The peer and the floor present identity's very certificate: TLS costs the same on every side.
    const tls = JSON.stringify(identityTls(identity.ready));
    others.push(
      await startChildServer<CodeTarget>(new URL("./oidc-provider-code-server.ts", import.meta.url), [tls]),
      await startChildServer<CodeTarget>(new URL("../floor/floor-server.ts", import.meta.url), [tls]),
      await startChildServer<CodeTarget>(new URL("./oidc-provider-code-server.ts", import.meta.url), [
        tls,
        "memory",
      ]),
    );
    const prepared: Prepared[] = [];
    for (const { child, ready } of [identity, ...others]) {
      const cookie = await signedInCookies(ready);
      prepared.push({
        server: child,
        target: ready,
        scriptArgs: flowScriptArgs(ready, cookie, newVerifier()),
      });
    }
    // Warm-up: every JIT compiler reaches its steady state before anything is counted.
    for (const p of prepared) {
      await wrkPhase(p, "flow", concurrency, Math.min(2, seconds), true);
      await wrkPhase(p, "refresh", concurrency, Math.min(2, seconds), true);
    }
    const runs = {
      flows: prepared.map((): RateResult[] => []),
      refresh: prepared.map((): RateResult[] => []),
    };
    // Alternating rounds: every server sees the same background load on a shared machine.
    for (let round = 0; round < rounds; round++) {
      signMicros.push(signCpu(Math.min(1, seconds / 2)));
      for (const [i, p] of prepared.entries())
        runs.flows[i]?.push(await wrkPhase(p, "flow", concurrency, seconds));
      for (const [i, p] of prepared.entries())
        runs.refresh[i]?.push(await wrkPhase(p, "refresh", concurrency, seconds));
    }
    return {
      flows: summary(runs.flows),
      refresh: summary(runs.refresh),
      concurrency,
      rounds,
      seconds,
      signMicros: median(signMicros),
    };
  } finally {
    await stopChildServer(identity.child);
    for (const server of others) await stopChildServer(server.child);
  }
}
