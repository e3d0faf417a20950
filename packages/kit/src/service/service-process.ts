import type { CommonConfig } from "../config/common-config";
import { ConfigError } from "../config/load-config";
import { commonRefusals, type Refusal, refuseUnsafeProduction } from "../config/production-refusals";

/** What a started process keeps: the lines it prints once ready and how to stop it. */
export interface StartedProcess {
  readonly lines: readonly string[];
  close(): Promise<void>;
}

/**
 * The life of a server process (`npm start`, `node dist/identity.js`, `node dist/portal.js`):
 * starts, prints its ready lines, and on SIGTERM or SIGINT closes gracefully, then exits 0. A start
 * that fails prints one message (a configuration mistake as its own lines) and exits 1.
 */
export async function runServiceProcess(start: () => Promise<StartedProcess>): Promise<void> {
  let started: StartedProcess;
  try {
    started = await start();
  } catch (error) {
    process.stderr.write(`${startFailure(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(`${started.lines.join("\n")}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await started.close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`Sésame did not stop cleanly: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function startFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  return `Sésame could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/**
 * A service's server process (`node dist/<service>.js [--seed]`): configuration, the production
 * refusals, the start, the demo data when `--seed` is given (refused in production), and the line
 * `<service> ready at <url>`.
 */
export function runServer<
  Config extends CommonConfig,
  Running extends { url: string; close(): Promise<void> },
>(
  options: {
    service: string;
    loadConfig: () => Config;
    /** Refusals of this service beyond the common ones. */
    refusals: (config: Config) => Refusal[];
    start: (config: Config) => Promise<Running>;
    seed: (running: Running) => Promise<unknown>;
  },
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  return runServiceProcess(async () => {
    const seed = argv.includes("--seed");
    const config = options.loadConfig();
    refuseUnsafeProduction(config, [...commonRefusals(config, { seed }), ...options.refusals(config)]);
    const running = await options.start(config);
    if (seed) await options.seed(running);
    return { lines: [`${options.service} ready at ${running.url}`], close: () => running.close() };
  });
}
