/**
 * Memory benchmark (issue 17): each service run from the production build (`node dist/<name>.js`,
 * SESAME_ENV=production, SQLite, no TypeScript compiler in the process): time to ready, resident
 * memory once idle, then resident memory (highest sample) and server CPU per request under load
 * (identity: client-credentials token requests; the portal: its health page). CPU is read from
 * /proc/<pid>/stat (user + system), so it does not move with the load other processes put on the
 * machine; identity's is set beside one RS256 signature measured in the same run. Both count every
 * thread (the signature's `process.cpuUsage()` is the bench process's), so they compare alike: the
 * server signs on libuv's thread pool at about one signature's CPU per request, and the main
 * thread's share, printed beside the total, is what the request costs above its signature.
 * Runs `npm run build` first when dist/ is missing.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { median, startChildServer, stopChildServer } from "../child-server";
import { runLoad, type Target } from "../token/load";
import { signatureCpu } from "../token/sign-rate";

export interface MemoryRow {
  readonly service: "identity" | "portal";
  /** Node flags the service ran with: none, or V8's --optimize-for-size (an operator's choice). */
  readonly flags: string;
  readonly readyMs: number;
  readonly idleMiB: number;
  /** Highest resident memory sampled during the load. */
  readonly loadMiB: number;
  readonly load: string;
  readonly requestsPerSecond: number;
  /** Server CPU (user + system, every thread) per request, in microseconds: median round. */
  readonly cpuMicrosPerRequest: number;
  /**
   * The main thread's share of it (the event loop: TLS, HTTP, the route's work); the rest is libuv's
   * thread pool (identity's RS256 signature) and V8's threads (garbage collection, compilation).
   */
  readonly mainThreadMicrosPerRequest: number;
}

export interface MemoryBenchResult {
  readonly rows: MemoryRow[];
  /** CPU time of one RS256 signature on one thread, µs: the median of one measured before each round. */
  readonly signMicros: number;
  /** identity's CPU per token request over the signature measured just before it, one value per round. */
  readonly cpuRatios: number[];
}

const root = path.resolve(import.meta.dirname, "../../..");
const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN) / 1024;

/** User + system CPU seconds so far of a process, or of one of its threads (its main thread's id is its pid). */
function cpuSeconds(pid: number, thread?: number): number {
  const stat = fs.readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

async function startBuilt(service: string, flags: string[], env: Record<string, string>) {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...flags, path.join(root, "dist", `${service}.js`)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let url = "";
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    const ready = new RegExp(`^${service} ready at (\\S+)`).exec(line);
    if (ready) {
      url = ready[1] ?? "";
      break;
    }
  }
  if (!url) throw new Error(`dist/${service}.js ended before it was ready`);
  return { child, url, readyMs: performance.now() - started };
}

/** Runs the load while sampling resident memory; the highest sample and CPU per request. */
async function underLoad(pid: number, target: Target, seconds: number) {
  let highest = rssMiB(pid);
  const sampler = setInterval(() => {
    highest = Math.max(highest, rssMiB(pid));
  }, 100);
  const cpuBefore = cpuSeconds(pid);
  const mainBefore = cpuSeconds(pid, pid);
  try {
    const result = await runLoad(target, { concurrency: 32, seconds, warmupSeconds: 0 });
    const cpu = cpuSeconds(pid) - cpuBefore;
    const main = cpuSeconds(pid, pid) - mainBefore;
    if (result.failures > 0)
      throw new Error(`${result.failures} failed requests: ${result.sample.slice(0, 200)}`);
    return {
      highest,
      perSecond: result.perSecond,
      cpuMicros: (cpu / result.requests) * 1e6,
      mainMicros: (main / result.requests) * 1e6,
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchMemory(options: { quick?: boolean } = {}): Promise<MemoryBenchResult> {
  if (!fs.existsSync(path.join(root, "dist", "identity.js")))
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  const seconds = options.quick ? 1 : 5;
  const rounds = options.quick ? 1 : 3;
  const signCpu = signatureCpu();
  const signMicros: number[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-bench-memory-"));
  const env = {
    SESAME_ENV: "production",
    SMTP_URL: "smtp://127.0.0.1:9",
    SESAME_SECRET: randomBytes(48).toString("base64"),
    SESAME_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    SESAME_CLIENT_SECRET: "a-secret-of-the-firm-itself",
    SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
    SESAME_DATA_DIR: dataDir,
    SESAME_IDENTITY_PORT: "0",
    SESAME_PORTAL_PORT: "0",
    SESAME_SMTP_SINK_PORT: "0",
    SESAME_LOG_LEVEL: "warn",
  };
  const rows: MemoryRow[] = [];
  const cpuRatios: number[] = [];
  try {
    // The tenant, the client and its app role are written from the sources, then served by dist/.
    const setup = await startChildServer<Target>(
      new URL("../token/identity-server.ts", import.meta.url),
      [],
      [],
      {
        ...env,
        BENCH_DATA_DIR: dataDir,
      },
    );
    const target = setup.ready;
    await stopChildServer(setup.child);

    const runs = [
      { service: "identity", flags: [] },
      { service: "identity", flags: ["--optimize-for-size"] },
      { service: "portal", flags: [] },
      { service: "portal", flags: ["--optimize-for-size"] },
    ] as const;
    for (const { service, flags } of runs) {
      const started = await startBuilt(service, [...flags], env);
      const pid = started.child.pid ?? 0;
      try {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const idleMiB = rssMiB(pid);
        const served: Target =
          service === "identity"
            ? { ...target, url: started.url }
            : { ...target, url: started.url, tokenPath: "/healthz", form: {}, method: "GET" };
        // Warm-up, then rounds; the median round is reported. V8 compiles the hot path on its own
        // threads for about 6 s of this load: after a 2 s warm-up they still cost 130-150 µs per token
        // request in the next 4 s, 2-16 µs after (per-thread CPU from /proc/<pid>/task), which is not
        // what a request costs once the service has run for a while.
        await runLoad(served, { concurrency: 32, seconds: options.quick ? 0.5 : 6, warmupSeconds: 0 });
        const loads = [];
        const measured = service === "identity" && flags.length === 0;
        for (let round = 0; round < rounds; round++) {
          // Each round's CPU is set against a signature measured just before it, the server idle.
          const sign = measured ? signCpu(options.quick ? 0.5 : 1) : Number.NaN;
          const load = await underLoad(pid, served, seconds);
          loads.push(load);
          if (measured) {
            signMicros.push(sign);
            cpuRatios.push(load.cpuMicros / sign);
          }
        }
        rows.push({
          service,
          flags: flags.join(" "),
          readyMs: started.readyMs,
          idleMiB,
          loadMiB: Math.max(...loads.map((l) => l.highest)),
          load: service === "identity" ? "token, client credentials" : "GET /healthz",
          requestsPerSecond: median(loads.map((l) => l.perSecond)),
          cpuMicrosPerRequest: median(loads.map((l) => l.cpuMicros)),
          mainThreadMicrosPerRequest: median(loads.map((l) => l.mainMicros)),
        });
      } finally {
        await stopChildServer(started.child);
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, signMicros: median(signMicros), cpuRatios };
}
