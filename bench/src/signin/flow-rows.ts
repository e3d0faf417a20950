/**
 * Rows of the sign-in and sign-up tables (main.ts): a server's rate against the raw argon2id
 * operation of the same rounds, and its CPU per flow against one operation's.
 */
import type { ServerMeasure } from "./server-round";

type Format = (n: number, digits?: number) => string;

/** "0.81× (goal ≥ 0.90×; rounds 0.66×, 0.81×, 0.88×)". */
export const ratioCell = (fmt: Format, r: { median: number; rounds: readonly number[] }, goal = "") =>
  `${fmt(r.median, 2)}× (${goal}rounds ${r.rounds.map((x) => `${fmt(x, 2)}×`).join(", ")})`;

export const flowRows = (fmt: Format, name: string, m: ServerMeasure, op: string, goal: string) => [
  [`${name}: complete flows`, fmt(m.perSecond, 1), fmt(m.p50Ms, 0), fmt(m.p99Ms, 0)],
  [`${name} / raw ${op}`, ratioCell(fmt, m.ratio, goal), "", ""],
  [
    `${name}: CPU per flow`,
    `${fmt(m.cpu, 1)} ms every thread, ${fmt(m.mainCpu, 1)} main thread = ${ratioCell(fmt, m.cpuRatio)} one ${op}; load process ${fmt(m.loadCpu, 1)} ms`,
    "",
    "",
  ],
];
