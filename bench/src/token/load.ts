import { mainThreadCpuMs, processCpuMs } from "../signin/process-cpu";
import { runWrk, wrkScript } from "../wrk/run-wrk";

export interface Target {
  readonly url: string;
  readonly tokenPath: string;
  readonly form: Record<string, string>;
  /** The server's CA; wrk does not verify certificates (bench/src/wrk/run-wrk.ts says why). */
  readonly ca: string;
  /** POST (the form) unless GET is given. */
  readonly method?: "GET" | "POST";
}

export interface LoadResult {
  readonly requests: number;
  /** Socket errors, error statuses and POST answers without a JWT access token. */
  readonly failures: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The first answer a wrk thread received. */
  readonly sample: string;
  /** The first answer of every wrk thread. */
  readonly samples: readonly string[];
  /** The load generator's own CPU (wrk, user + system) per request, in µs. */
  readonly clientCpuUs: number;
  /** With `options.pid`: the server's CPU per request (user + system, /proc), every thread and its main thread, µs. */
  readonly cpuUs?: number;
  readonly mainThreadCpuUs?: number;
}

/**
 * `concurrency` keep-alive HTTPS connections (one wrk thread) sending the token request in a loop
 * for `seconds`, after `warmupSeconds` of the same. A POST answer counts only if it carries a JWT
 * access token (`"access_token":"eyJ`). With `pid`, the server process's CPU is read over the
 * counted run only (not the warm-up).
 */
export async function runLoad(
  target: Target,
  options: { concurrency: number; seconds: number; warmupSeconds: number; pid?: number },
): Promise<LoadResult> {
  const method = target.method ?? "POST";
  const run = (seconds: number) =>
    runWrk({
      url: `${target.url}${target.tokenPath}`,
      script: wrkScript("token.lua"),
      scriptArgs: [
        method,
        method === "POST" ? new URLSearchParams(target.form).toString() : "",
        method === "POST" ? '"access_token":"eyJ' : "",
      ],
      threads: 1,
      connections: options.concurrency,
      seconds,
    });
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const pid = options.pid;
  const cpuBefore = pid ? [processCpuMs(pid), mainThreadCpuMs(pid)] : [];
  const result = await run(options.seconds);
  const perRequestUs = (ms: number) => (ms * 1000) / Math.max(1, result.requests);
  const cpu = pid
    ? {
        cpuUs: perRequestUs(processCpuMs(pid) - (cpuBefore[0] ?? 0)),
        mainThreadCpuUs: perRequestUs(mainThreadCpuMs(pid) - (cpuBefore[1] ?? 0)),
      }
    : {};
  const lines = (key: string) => result.script.filter(([k]) => k === key).map(([, value]) => value);
  const samples = lines("sample");
  return {
    requests: result.requests,
    failures: Number(lines("failures")[0] ?? 0) + result.socketErrors,
    perSecond: result.requests / result.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    sample: samples[0] ?? "",
    samples,
    clientCpuUs: result.clientCpuUs / Math.max(1, result.requests),
    ...cpu,
  };
}
