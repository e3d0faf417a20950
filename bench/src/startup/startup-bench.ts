/**
 * Start-up benchmark (docs/product-rules.md#benchmarks): time to ready and resident memory of identity and of the
 * portal, on a first start (empty data directory: migrations, TLS material, signing key) and on a
 * restart, beside a bare Fastify HTTPS server loaded the same way (tsx), measured in the same run.
 * Resident memory includes tsx's loader thread (about 200 MiB here, the reference shows it), so the
 * V8 heap the service keeps is reported too.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { median, startChildServer, stopChildServer } from "../child-server";

export interface StartupRow {
  readonly service: "identity" | "portal" | "reference";
  readonly firstStartMs: number;
  readonly restartMs: number;
  readonly rssMiB: number;
  /** V8 heap in use once started, after a collection. */
  readonly heapMiB: number;
}

/** Starts the service once; returns its time to ready and its resident memory once settled. */
async function startOnce(
  service: string,
  dataDir: string,
): Promise<{ readyMs: number; rssMiB: number; heapMiB: number }> {
  const { child, ready } = await startChildServer<{ readyMs: number; heapMiB: number }>(
    new URL("./start-service.ts", import.meta.url),
    [service, dataDir],
    ["--expose-gc"],
  );
  try {
    const { readyMs, heapMiB } = ready;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
    const rssKib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { readyMs, rssMiB: rssKib / 1024, heapMiB };
  } finally {
    await stopChildServer(child);
  }
}

export async function benchStartup(restarts = 3): Promise<StartupRow[]> {
  const rows: StartupRow[] = [];
  for (const service of ["reference", "identity", "portal"] as const) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sesame-bench-start-${service}-`));
    try {
      const first = await startOnce(service, dataDir);
      const again = [];
      for (let i = 0; i < restarts; i++) again.push(await startOnce(service, dataDir));
      rows.push({
        service,
        firstStartMs: first.readyMs,
        restartMs: median(again.map((r) => r.readyMs)),
        rssMiB: median(again.map((r) => r.rssMiB)),
        heapMiB: median(again.map((r) => r.heapMiB)),
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
