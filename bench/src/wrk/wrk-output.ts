/** What wrk prints at the end of a run (with `--latency`), and the lines our Lua `done()` adds. */
export interface WrkOutput {
  readonly requests: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers with a status outside 2xx and 3xx ("Non-2xx or 3xx responses"). */
  readonly badStatus: number;
  /** connect + read + write + timeout ("Socket errors"). */
  readonly socketErrors: number;
  /** `bench <key> <value>` lines printed by the script's done(), in order. */
  readonly script: ReadonlyArray<readonly [string, string]>;
}

const unitMs: Record<string, number> = { us: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 };

/** "812.00us", "5.12ms", "1.02s", "1.00m" → ms. */
function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`wrk: unreadable duration ${text}`);
  return Number(match[1]) * (unitMs[match[2] ?? ""] ?? Number.NaN);
}

export function parseWrkOutput(stdout: string): WrkOutput {
  const total = /^\s*(\d+) requests in ([\d.]+\w+), /m.exec(stdout);
  if (!total) throw new Error(`wrk: no summary in its output:\n${stdout}`);
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+(\\S+)$`, "m").exec(stdout);
    return match ? durationMs(match[1] ?? "") : Number.NaN;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const badStatus = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  const script: [string, string][] = [];
  for (const line of stdout.split("\n")) {
    const match = /^bench (\S+) ?(.*)$/.exec(line);
    if (match) script.push([match[1] ?? "", match[2] ?? ""]);
  }
  return {
    requests: Number(total[1]),
    seconds: durationMs(total[2] ?? "") / 1000,
    p50Ms: percentile("50"),
    p99Ms: percentile("99"),
    badStatus: Number(badStatus?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    script,
  };
}
