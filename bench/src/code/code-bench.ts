/**
 * Authorization-code and refresh benchmark (issue 17): the flow a web app drives once its user has
 * a session (authorize → code at the redirect URI → token redemption with PKCE, ID token and refresh
 * token), and refresh-token redemptions (each browser redeems the refresh token it was last given:
 * both servers rotate them), against identity and against oidc-provider configured alike, same
 * HTTPS material, same concurrency, alternating rounds. Each server runs in its own process; the
 * account signs in once from this process, then wrk drives the flows (wrk-phase.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { startChildServer, stopChildServer } from "../child-server";
import { newVerifier } from "./browser";
import type { CodeBenchResult, CodeTarget, Comparison, RateResult } from "./code-target";
import { signedInCookies } from "./session";
import { flowScriptArgs, type Prepared, wrkPhase } from "./wrk-phase";

/** The round with the median rate, and the per-round ratios, identity first. */
function summary([ours = [], theirs = []]: RateResult[][]): Comparison {
  const ratios = ours.map((r, i) => r.perSecond / (theirs[i]?.perSecond ?? Number.NaN));
  // CPU per operation, oidc-provider's over identity's: above 1 when identity spends less.
  const cpuRatios = ours.map((r, i) => (theirs[i]?.cpuUs ?? Number.NaN) / r.cpuUs);
  const mid = (list: RateResult[]) =>
    [...list].sort((x, y) => x.perSecond - y.perSecond)[Math.floor(list.length / 2)] as RateResult;
  return { identity: mid(ours), oidcProvider: mid(theirs), ratios, cpuRatios };
}

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
    const prepared: Prepared[] = [];
    for (const { child, ready } of [identity, provider]) {
      const cookie = await signedInCookies(ready);
      prepared.push({
        server: child,
        target: ready,
        scriptArgs: flowScriptArgs(ready, cookie, newVerifier()),
      });
    }
    // Warm-up: both JIT compilers reach their steady state before anything is counted.
    for (const p of prepared) {
      await wrkPhase(p, "flow", concurrency, Math.min(2, seconds), true);
      await wrkPhase(p, "refresh", concurrency, Math.min(2, seconds), true);
    }
    const runs = { flows: [[], []] as RateResult[][], refresh: [[], []] as RateResult[][] };
    for (let round = 0; round < rounds; round++) {
      for (const [i, p] of prepared.entries())
        runs.flows[i]?.push(await wrkPhase(p, "flow", concurrency, seconds));
      for (const [i, p] of prepared.entries())
        runs.refresh[i]?.push(await wrkPhase(p, "refresh", concurrency, seconds));
    }
    return { flows: summary(runs.flows), refresh: summary(runs.refresh), concurrency, rounds, seconds };
  } finally {
    await stopChildServer(identity.child);
    if (provider) await stopChildServer(provider.child);
  }
}
