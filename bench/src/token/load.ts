import { Pool } from "undici";
import { quantile } from "../child-server";
import { mainThreadCpuMs, processCpuMs } from "../signin/process-cpu";

export interface Target {
  readonly url: string;
  readonly tokenPath: string;
  readonly form: Record<string, string>;
  readonly ca: string;
  /** POST (the form) unless GET is given. */
  readonly method?: "GET" | "POST";
}

export interface LoadResult {
  readonly requests: number;
  readonly failures: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly sample: string;
  /** With `options.pid`: the server's CPU per request (user + system, /proc), every thread and its main thread, µs. */
  readonly cpuUs?: number;
  readonly mainThreadCpuUs?: number;
}

/**
 * `concurrency` keep-alive HTTPS connections posting the token request in a loop for `seconds`;
 * with `pid`, the server process's CPU is read over the counted phase only (not the warm-up).
 */
export async function runLoad(
  target: Target,
  options: { concurrency: number; seconds: number; warmupSeconds: number; pid?: number },
): Promise<LoadResult> {
  const pool = new Pool(target.url, {
    connections: options.concurrency,
    pipelining: 1,
    connect: { ca: target.ca },
  });
  const get = target.method === "GET";
  const body = get ? undefined : new URLSearchParams(target.form).toString();
  const headers = get ? {} : { "content-type": "application/x-www-form-urlencoded" };
  let sample = "";
  const once = async () => {
    const response = await pool.request({
      method: get ? "GET" : "POST",
      path: target.tokenPath,
      headers,
      body,
    });
    const text = await response.body.text();
    if (!sample) sample = text;
    return response.statusCode === 200;
  };
  const phase = async (seconds: number) => {
    const end = performance.now() + seconds * 1000;
    const latencies: number[] = [];
    let failures = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < end) {
          const start = performance.now();
          if (!(await once())) failures++;
          latencies.push(performance.now() - start);
        }
      }),
    );
    return { latencies, failures };
  };
  await phase(options.warmupSeconds);
  const pid = options.pid;
  const cpuBefore = pid ? [processCpuMs(pid), mainThreadCpuMs(pid)] : [];
  const started = performance.now();
  const { latencies, failures } = await phase(options.seconds);
  const elapsed = (performance.now() - started) / 1000;
  const perRequestUs = (ms: number) => (ms * 1000) / latencies.length;
  const cpu = pid
    ? {
        cpuUs: perRequestUs(processCpuMs(pid) - (cpuBefore[0] ?? 0)),
        mainThreadCpuUs: perRequestUs(mainThreadCpuMs(pid) - (cpuBefore[1] ?? 0)),
      }
    : {};
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => quantile(latencies, q);
  return {
    requests: latencies.length,
    failures,
    perSecond: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    sample,
    ...cpu,
  };
}
