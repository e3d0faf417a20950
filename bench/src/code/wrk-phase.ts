import type { ChildProcess } from "node:child_process";
import { decodeJwt } from "jose";
import { runWrk, wrkScript } from "../wrk/run-wrk";
import { authorizeQuery } from "./browser";
import type { CodeTarget, RateResult } from "./code-target";
import { serverCpuUs } from "./server-cpu";

/** One server, signed in, with what wrk sends it (bench/src/wrk/code-flow.lua reads the args). */
export interface Prepared {
  readonly server: ChildProcess;
  readonly target: CodeTarget;
  readonly scriptArgs: (mode: "flow" | "refresh") => string[];
}

/**
 * The flow's requests as the Node client sent them: the same parameters, order and encoding
 * (URLSearchParams), with markers where the script puts each flow's state, nonce, code or refresh
 * token. One PKCE verifier for the whole run: it is what the server hashes, whatever its value.
 */
export function flowScriptArgs(target: CodeTarget, cookie: string, verifier: string) {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const client = { client_id: target.clientId, client_secret: target.clientSecret };
  const templates = [
    authorizeQuery(target, verifier, "__STATE__", "__NONCE__"),
    form({
      grant_type: "authorization_code",
      ...client,
      code: "__CODE__",
      redirect_uri: target.redirectUri,
      code_verifier: verifier,
    }),
    form({
      grant_type: "refresh_token",
      ...client,
      refresh_token: "__REFRESH__",
      scope: target.refreshScope ?? target.scope,
    }),
  ];
  return (mode: "flow" | "refresh") => [mode, cookie, target.redirectUri, target.tokenPath, ...templates];
}

/**
 * Both servers must sign the same work: an ID token and a JWT access token per flow and per refresh
 * (oidc-provider's default access token is opaque, which would spare it one RS256 signature).
 */
function checkSignedTokens(sample: string): void {
  const tokens = JSON.parse(sample) as { id_token?: string; access_token?: string; refresh_token?: string };
  if (!tokens.id_token || !tokens.access_token || !tokens.refresh_token)
    throw new Error(`no ID, access or refresh token: ${sample.slice(0, 300)}`);
  decodeJwt(tokens.id_token);
  decodeJwt(tokens.access_token);
}

/** wrk threads: one per core of this machine; each drives its share of the connections. */
const WRK_THREADS = 2;

/**
 * One phase of `concurrency` keep-alive connections, each carrying one request at a time, for
 * `seconds`: whole flows, or refresh-token redemptions. The refresh phase's first flow per
 * connection (16 against hundreds of redemptions) is in the server's CPU but not counted. p50 and
 * p99 are per flow (timed by the script); for redemptions, wrk's per-request latencies.
 */
export async function wrkPhase(
  p: Prepared,
  mode: "flow" | "refresh",
  concurrency: number,
  seconds: number,
  /** A warm-up may end before a cold server completes anything; a counted round may not. */
  warmUp = false,
): Promise<RateResult> {
  const cpuBefore = serverCpuUs(p.server);
  const run = await runWrk({
    url: p.target.url,
    script: wrkScript("code-flow.lua"),
    scriptArgs: p.scriptArgs(mode),
    threads: Math.min(WRK_THREADS, concurrency),
    connections: concurrency,
    seconds,
  });
  const cpuUs = serverCpuUs(p.server) - cpuBefore;
  const value = (key: string) => run.script.find(([k]) => k === key)?.[1] ?? "";
  const completed = Number(value("completed"));
  const failures = Number(value("failures")) + run.socketErrors;
  const samples = run.script.filter(([k]) => k === "sample").map(([, v]) => v);
  if (failures > 0 || (!warmUp && (completed === 0 || samples.length === 0)))
    throw new Error(
      `${p.target.url} ${mode}: ${completed} done, ${failures} failed (wrk: ${run.badStatus} bad statuses)`,
    );
  for (const sample of samples) checkSignedTokens(sample);
  return {
    perSecond: completed / run.seconds,
    cpuUs: cpuUs / completed,
    clientCpuUs: run.clientCpuUs / completed,
    p50Ms: value("p50") ? Number(value("p50")) : run.p50Ms,
    p99Ms: value("p99") ? Number(value("p99")) : run.p99Ms,
  };
}
