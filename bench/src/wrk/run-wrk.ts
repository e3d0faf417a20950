/**
 * The benchmarks' load generator: wrk (C, one event loop per thread, Lua scripts), spawned once per
 * phase. An undici Pool in the bench process spent about 300 µs of CPU per token request, more than
 * the servers it compared and taken from the same 2 cores; wrk spends about 50 µs (docs/
 * performance.md, item 27). wrk does not verify the server's certificate: acceptable on loopback,
 * where the bench started the server itself; the servers still serve HTTPS with their certificate.
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { fileURLToPath } from "node:url";
import { reapedChildrenCpuMs } from "../signin/process-cpu";
import { parseWrkOutput, type WrkOutput } from "./wrk-output";

const WRK = "/usr/bin/wrk";

export interface WrkRun extends WrkOutput {
  /** wrk's own CPU (user + system, every thread), in µs. */
  readonly clientCpuUs: number;
}

function assertWrkInstalled(): void {
  try {
    accessSync(WRK, constants.X_OK);
  } catch {
    throw new Error(`the benchmarks drive the servers with wrk, not found at ${WRK}: apt-get install wrk`);
  }
}

/** The scripts `require "report"` from this folder. */
const luaPath = `${fileURLToPath(new URL(".", import.meta.url))}?.lua;;`;

/** A script of this folder by its name, e.g. "token.lua". */
export const wrkScript = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

/**
 * Runs wrk for `seconds` against `url` with `script` (given `scriptArgs` after `--`). Its CPU is
 * read as the growth of this process's reaped children's CPU across the run: the bench's servers
 * are its children too, but none of them ends while wrk runs.
 */
export async function runWrk(options: {
  url: string;
  script: string;
  scriptArgs?: readonly string[];
  threads: number;
  connections: number;
  seconds: number;
}): Promise<WrkRun> {
  assertWrkInstalled();
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${Math.max(1, Math.round(options.seconds))}s`,
    "--latency",
    // No request may count as a socket error for being slow on a loaded machine (wrk's default: 2 s).
    "--timeout",
    "60s",
    "-s",
    options.script,
    options.url,
    "--",
    ...(options.scriptArgs ?? []),
  ];
  const before = reapedChildrenCpuMs() * 1000;
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      WRK,
      args,
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LUA_PATH: luaPath } },
      (error, out, err) => (error ? reject(new Error(`wrk failed: ${error.message}\n${err}`)) : resolve(out)),
    ),
  );
  return { ...parseWrkOutput(stdout), clientCpuUs: reapedChildrenCpuMs() * 1000 - before };
}
