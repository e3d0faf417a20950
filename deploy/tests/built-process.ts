import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

const root = path.resolve(import.meta.dirname, "../..");

/** One process of the production build (`node dist/<name>.js`), as an operator runs it. */
export interface BuiltProcess {
  readonly child: ChildProcess;
  /** What it wrote to standard error (a refusal, a crash). */
  readonly stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

export function spawnBuilt(name: string, args: string[], env: Record<string, string>): BuiltProcess {
  const child = spawn(process.execPath, [path.join(root, "dist", `${name}.js`), ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "")),
  );
  return { child, stderr: () => stderr, exited };
}

/** Waits for the line `<service> ready at …` (JSON log lines come before it); rejects if it exits first. */
export async function untilReady(server: BuiltProcess, service: string): Promise<void> {
  const lines = readline.createInterface({ input: server.child.stdout! });
  const ready = (async () => {
    for await (const line of lines) if (line.startsWith(`${service} ready at `)) return;
  })();
  const outcome = await Promise.race([ready.then(() => "ready"), server.exited]);
  // Keep reading, so a full pipe never blocks the server.
  server.child.stdout?.resume();
  if (outcome !== "ready") throw new Error(`${service} exited (${outcome}): ${server.stderr()}`);
}

/** Runs the built CLI to its end and returns its standard output. */
export async function runBuiltCli(args: string[], env: Record<string, string>): Promise<string> {
  const cli = spawnBuilt("sesame", args, env);
  let out = "";
  cli.child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await cli.exited;
  if (code !== 0) throw new Error(`sesame ${args.join(" ")} exited ${code}: ${out}${cli.stderr()}`);
  return out;
}
