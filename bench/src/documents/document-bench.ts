/**
 * Documents benchmark (issues 15 and 17): a large file uploaded to and downloaded from the portal
 * (HTTPS, multipart, SQLite, files on disk) against a raw streamed copy of the same file on the same
 * disk, in alternating rounds of the same run. The portal runs in its own process (the client here
 * never shares its event loop), on loopback; its RSS is read from /proc/<pid>/status during each
 * transfer, so the figure is the portal's alone. Beside it, in the same rounds, the same client sends
 * the same file to a bare HTTPS server (floor-server.ts: the portal's certificate, no framework, no
 * parsing, no checksum): the most a Node HTTPS server reaches on this machine, the floor the portal's
 * own work is measured against.
 */

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { median, startChildServer, stopChildServer } from "../child-server";
import { processCpuMs, reapedChildrenCpuMs } from "../signin/process-cpu";
import { floorClient, MiB, type PortalClient, portalClient } from "./document-client";

export interface DocumentBenchRow {
  readonly transfer: string;
  /** The median round's rate. */
  readonly mbPerSecond: number;
  /** Median of the rounds' ratios to the raw copy of the same round (1 for the raw copy itself). */
  readonly ratioToRaw: number;
  /** Every round's ratio, in order: how much the shared machine moved during the run. */
  readonly roundRatios: readonly number[];
  /** The portal's rows: median of the rounds' ratios to the bare HTTPS floor's same transfer. */
  readonly ratioToFloor?: number;
  /** The portal's RSS before the first round's transfer and the highest seen during any round. */
  readonly rssBeforeMiB: number;
  readonly rssMaxMiB: number;
  /**
   * CPU time of the median round, user + system, all threads: the server process's for upload and
   * download (/proc/<pid>/stat), the copying process's for the raw copy. A load on the machine moves
   * it far less than a rate.
   */
  readonly cpuMs: number;
  /** The client's CPU time in the same round (the curl processes), for upload and download. */
  readonly clientCpuMs: number;
}

export interface DocumentBenchResult {
  readonly sizeMiB: number;
  readonly rounds: number;
  readonly rows: readonly DocumentBenchRow[];
}

function vmRssMiB(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

const execFileAsync = promisify(execFile);

/** The raw copy, timed inside a fresh process of its own (raw-copy.ts says why). */
async function rawCopy(source: string, target: string): Promise<Timing> {
  const script = new URL("./raw-copy.ts", import.meta.url).pathname;
  const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", script, source, target]);
  const { seconds, cpuMs } = JSON.parse(stdout) as { seconds: number; cpuMs: number };
  return { seconds, cpuMs, rssBefore: Number.NaN, rssMax: Number.NaN, clientCpuMs: 0 };
}

interface Timing {
  readonly seconds: number;
  readonly rssBefore: number;
  readonly rssMax: number;
  readonly cpuMs: number;
  readonly clientCpuMs: number;
}

/**
 * Times one transfer, samples the server's RSS every 20 ms while it runs, and counts the CPU time
 * of the server doing the work and of the client (curl).
 */
async function timed(pid: number, run: () => Promise<void>): Promise<Timing> {
  const cpuBefore = processCpuMs(pid);
  const clientBefore = reapedChildrenCpuMs();
  const rssBefore = vmRssMiB(pid);
  let rssMax = rssBefore;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, vmRssMiB(pid));
  }, 20);
  const start = performance.now();
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    rssBefore,
    rssMax: Math.max(rssMax, vmRssMiB(pid)),
    cpuMs: processCpuMs(pid) - cpuBefore,
    clientCpuMs: reapedChildrenCpuMs() - clientBefore,
  };
}

export async function benchDocuments(
  options: { sizeMiB?: number; rounds?: number } = {},
): Promise<DocumentBenchResult> {
  const sizeMiB = options.sizeMiB ?? 100;
  const rounds = options.rounds ?? 3;
  const size = sizeMiB * MiB;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sesame-doc-bench-"));
  const source = path.join(dir, "grand-livre.pdf");
  const out = await fs.open(source, "w");
  await out.write(Buffer.from("%PDF-1.4\n"));
  for (let written = 9; written < size; written += MiB)
    await out.write(randomBytes(Math.min(MiB, size - written)));
  await out.close();

  const dataDir = path.join(dir, "data");
  const { child, ready } = await startChildServer<Parameters<typeof portalClient>[0]>(
    new URL("./document-portal-server.ts", import.meta.url),
    [dataDir],
  );
  // The floor presents the portal's own certificate, made in its data directory at start.
  const floor = await startChildServer<{ base: string }>(new URL("./floor-server.ts", import.meta.url), [
    dataDir,
  ]);
  const pid = child.pid ?? 0;
  const floorPid = floor.child.pid ?? 0;
  const raw: Timing[] = [];
  const up: Timing[] = [];
  const down: Timing[] = [];
  const floorUp: Timing[] = [];
  const floorDown: Timing[] = [];
  try {
    const portal = await portalClient(ready);
    const bare = floorClient(floor.ready.base, portal, ready.caFile);
    const back = path.join(dir, "back.pdf");
    const download = async (client: PortalClient, id: string) => {
      if ((await client.download(id, back)) !== size) throw new Error("download cut");
    };
    // One transfer each way before the rounds, not measured: a process's first upload pays what it
    // pays once (JIT compilation, modules loaded at first use), as every other benchmark here warms
    // its servers up. Its content differs from every round's (below).
    for (const client of [portal, bare]) await download(client, await client.upload(source, "warm-up.pdf"));
    for (let round = 0; round < rounds; round++) {
      // Each round's file differs (its second line), so each upload stores a new blob.
      const marker = await fs.open(source, "r+");
      await marker.write(Buffer.from(`%${String(round).padStart(7, "0")}\n`), 0, 9, 9);
      await marker.close();
      raw.push(await rawCopy(source, path.join(dir, "copy.pdf")));
      let documentId = "";
      floorUp.push(await timed(floorPid, () => bare.upload(source, "grand-livre.pdf").then(() => {})));
      up.push(
        await timed(pid, async () => {
          documentId = await portal.upload(source, "grand-livre.pdf");
        }),
      );
      down.push(await timed(pid, () => download(portal, documentId)));
      floorDown.push(await timed(floorPid, () => download(bare, "")));
    }
  } finally {
    await stopChildServer(floor.child);
    await stopChildServer(child);
    await fs.rm(dir, { recursive: true, force: true });
  }
  const ratios = (to: Timing[], timings: Timing[]) =>
    timings.map((t, i) => (to[i]?.seconds ?? Number.NaN) / t.seconds);
  const row = (transfer: string, timings: Timing[], floorOf?: Timing[]): DocumentBenchRow => {
    const roundRatios = ratios(raw, timings);
    return {
      transfer,
      mbPerSecond: median(timings.map((t) => sizeMiB / t.seconds)),
      ratioToRaw: median(roundRatios),
      roundRatios,
      ...(floorOf ? { ratioToFloor: median(ratios(floorOf, timings)) } : {}),
      rssBeforeMiB: timings[0]?.rssBefore ?? Number.NaN,
      rssMaxMiB: Math.max(...timings.map((t) => t.rssMax)),
      cpuMs: median(timings.map((t) => t.cpuMs)),
      clientCpuMs: median(timings.map((t) => t.clientCpuMs)),
    };
  };
  return {
    sizeMiB,
    rounds,
    rows: [
      row("raw streamed copy", raw),
      row("bare HTTPS upload (floor)", floorUp),
      row("portal upload", up, floorUp),
      row("bare HTTPS download (floor)", floorDown),
      row("portal download", down, floorDown),
    ],
  };
}
