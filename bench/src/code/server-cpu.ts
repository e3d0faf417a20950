import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

const TICK_US = 10_000; // USER_HZ is 100 on Linux.

/**
 * User + system CPU of a server process, every thread, in µs (/proc/<pid>/stat): a load on the
 * machine moves it far less than a rate, so the bench prints it per flow beside the rates.
 */
export function serverCpuUs(server: ChildProcess): number {
  const stat = readFileSync(`/proc/${server.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}
