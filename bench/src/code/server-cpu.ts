import type { ChildProcess } from "node:child_process";
import { processCpuMs } from "../signin/process-cpu";

/**
 * User + system CPU of a server process, every thread, in µs (/proc/<pid>/stat): a load on the
 * machine moves it far less than a rate, so the bench prints it per flow beside the rates.
 */
export const serverCpuUs = (server: ChildProcess): number => processCpuMs(server.pid ?? 0) * 1000;
