import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port";

const bin = process.env.SESAME_PG_BIN ?? "/usr/lib/postgresql/15/bin";

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port: fault tests stop
 * and restart it, which they must never do to the machine's shared server.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url(database?: string): string;
  /** Fast shutdown: every connection is cut at once, as when a database server is restarted. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Suspends every process of the server (SIGSTOP): connections stay open and nothing answers. */
  freeze(): void;
  thaw(): void;
  destroy(): Promise<void>;
}

export function privatePostgresAvailable(): boolean {
  return fs.existsSync(path.join(bin, "initdb"));
}

/** initdb refuses to run as root: run the server as the `postgres` user then. */
async function asServerUser(command: string, args: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  const [file, argv] = root
    ? ["runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]]
    : [path.join(bin, command), args];
  // Asynchronous, so the service under test goes on answering while the server stops or starts.
  await promisify(execFile)(file, argv);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-pg-"));
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  await asServerUser("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const log = path.join(dir, "server.log");
  const server: PrivatePostgres = {
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => asServerUser("pg_ctl", ["-D", data, "-o", options, "-l", log, "-w", "start"]),
    stop: () => asServerUser("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    freeze: () => signalAll(data, "SIGSTOP"),
    thaw: () => signalAll(data, "SIGCONT"),
    async destroy() {
      await server.stop().catch(() => {
        // Already stopped.
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** The postmaster (first line of postmaster.pid) and its children: backends and helpers. */
function signalAll(data: string, signal: NodeJS.Signals): void {
  const postmaster = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = execFileSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(Number);
  for (const pid of [postmaster, ...children]) process.kill(pid, signal);
}
