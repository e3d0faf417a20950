import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import readline from "node:readline";

/** Runs msal-client-process.ts with NODE_EXTRA_CA_CERTS and exchanges JSON lines with it. */
export class MsalProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = "";

  constructor(scenario: unknown, caFile: string) {
    this.child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        new URL("./msal-client-process.ts", import.meta.url).pathname,
        JSON.stringify(scenario),
      ],
      {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
      },
    );
    this.child.stderr.on("data", (d) => {
      this.stderr += String(d);
    });
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async next(): Promise<Record<string, unknown>> {
    const line = await this.lines.next();
    if (line.done) throw new Error(`MSAL process ended without answer: ${this.stderr}`);
    return JSON.parse(line.value) as Record<string, unknown>;
  }

  send(message: unknown): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Reads lines until the final {result} or {error}. */
  async outcome(): Promise<{
    result?: Record<string, unknown>;
    error?: { code?: string; message?: string; name?: string; subError?: string };
  }> {
    for (;;) {
      const message = await this.next();
      if ("result" in message || "error" in message) return message as never;
    }
  }
}
