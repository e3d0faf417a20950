import { readFileSync } from "node:fs";

/**
 * CPU time (user + system, every thread: the event loop, the argon2id thread pool, V8's own) a
 * process has used, in ms, from /proc/<pid>/stat; a load on the machine moves it far less than a
 * rate. Clock ticks are 10 ms on Linux (USER_HZ 100).
 */
export function processCpuMs(pid: number): number {
  return cpuMsOf(`/proc/${pid}/stat`);
}

/** The same for the process's main thread alone (its event loop: requests, pages, SQLite). */
export function mainThreadCpuMs(pid: number): number {
  return cpuMsOf(`/proc/${pid}/task/${pid}/stat`);
}

/**
 * The CPU time of this process's children that have ended and been waited for (cutime + cstime),
 * in ms: the load generators and clients it runs as processes of their own (wrk, curl).
 */
export function reapedChildrenCpuMs(): number {
  return cpuMsOf("/proc/self/stat", 13);
}

/** Two adjacent tick counters of a stat file, from `first` (utime and stime at 11), in ms. */
function cpuMsOf(file: string, first = 11): number {
  const stat = readFileSync(file, "utf8");
  // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are the 12th to 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[first]) + Number(fields[first + 1])) * 10;
}

/** This process's CPU time in ms (user + system), for a reference measured in the load process. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
