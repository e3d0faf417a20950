/**
 * One measured round of load against a server in its own process (identity or its floor): the
 * rate, every latency, and the server's CPU per completion read from /proc (every thread, and the
 * main thread alone), with the load process's own CPU per completion beside it.
 */
import { median, quantile } from "../child-server";
import { loop } from "../worker-loop";
import { mainThreadCpuMs, ownCpuMs, processCpuMs } from "./process-cpu";

export interface ServerRound {
  readonly perSecond: number;
  readonly latencies: number[];
  /** ms of server CPU per completion, every thread. */
  readonly cpu: number;
  /** ms of the server's main thread (its event loop) per completion. */
  readonly mainCpu: number;
  /** ms of this load process's CPU per completion. */
  readonly loadCpu: number;
}

export async function serverRound(
  pid: number,
  concurrency: number,
  seconds: number,
  work: (worker: number) => Promise<void>,
): Promise<ServerRound> {
  const [serverBefore, mainBefore, loadBefore] = [processCpuMs(pid), mainThreadCpuMs(pid), ownCpuMs()];
  const run = await loop(concurrency, seconds, work);
  const n = run.latencies.length;
  return {
    perSecond: run.perSecond,
    latencies: run.latencies,
    cpu: (processCpuMs(pid) - serverBefore) / n,
    mainCpu: (mainThreadCpuMs(pid) - mainBefore) / n,
    loadCpu: (ownCpuMs() - loadBefore) / n,
  };
}

/** The reference of a round: `work` (one argon2id operation) in this process, its rate and CPU each. */
export async function rawRound(concurrency: number, seconds: number, work: () => Promise<void>) {
  const before = ownCpuMs();
  const run = await loop(concurrency, seconds, work);
  return { perSecond: run.perSecond, cpu: (ownCpuMs() - before) / run.latencies.length };
}

/** Per-round ratios a[i] / b[i], and their median. */
export function ratios(a: readonly number[], b: readonly number[]) {
  const each = a.map((x, i) => x / (b[i] ?? Number.NaN));
  return { median: median(each), rounds: each };
}

/** A server's rounds summed up against the reference rounds taken beside them. */
export interface ServerMeasure {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Its rate over the reference's, round by round. */
  readonly ratio: ReturnType<typeof ratios>;
  /** Medians of the rounds, ms per completion. */
  readonly cpu: number;
  readonly mainCpu: number;
  readonly loadCpu: number;
  /** Its CPU per completion over one reference operation's, round by round. */
  readonly cpuRatio: ReturnType<typeof ratios>;
}

export function measureOf(
  rounds: readonly ServerRound[],
  raw: readonly { perSecond: number; cpu: number }[],
): ServerMeasure {
  const last = [...(rounds.at(-1)?.latencies ?? [])].sort((a, b) => a - b);
  const middle = (pick: (r: ServerRound) => number) => median(rounds.map(pick));
  return {
    perSecond: middle((r) => r.perSecond),
    p50Ms: quantile(last, 0.5),
    p99Ms: quantile(last, 0.99),
    ratio: ratios(
      rounds.map((r) => r.perSecond),
      raw.map((r) => r.perSecond),
    ),
    cpu: middle((r) => r.cpu),
    mainCpu: middle((r) => r.mainCpu),
    loadCpu: middle((r) => r.loadCpu),
    cpuRatio: ratios(
      rounds.map((r) => r.cpu),
      raw.map((r) => r.cpu),
    ),
  };
}
