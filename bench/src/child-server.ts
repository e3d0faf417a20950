import { type ChildProcess, spawn } from "node:child_process";
import readline from "node:readline";

/**
 * A benchmark's server in its own process (so the load generator never shares its thread): runs
 * `script` with tsx and waits for the JSON line it prints once ready. With BENCH_CPU_PROF=<dir>,
 * each server writes a V8 CPU profile there when it stops (docs/performance.md reads them).
 */
export async function startChildServer<T>(
  script: URL,
  args: string[] = [],
  nodeFlags: string[] = [],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; ready: T }> {
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, ...nodeFlags, "--import", "tsx", script.pathname, ...args],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env },
    },
  );
  const first = await readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  if (first.done) throw new Error(`${script.pathname} ended before it was ready`);
  return { child, ready: JSON.parse(first.value) as T };
}

export async function stopChildServer(child: ChildProcess): Promise<void> {
  // A child that has already ended sends no second exit event: waiting for one would hang the run.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** The value below which a share `q` of the latencies fall (e.g. 0.99 for p99); `sorted` ascending. */
export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** The middle value: on a shared machine one noisy round does not decide. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
