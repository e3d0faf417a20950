import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import readline from "node:readline";

/**
 * Runs a client library, unchanged, in its own Node.js process started with NODE_EXTRA_CA_CERTS
 * (Node reads it only at start, so TLS to identity is verified against the local CA). The script
 * gets one scenario as JSON in argv[2] and talks to the test in JSON lines over stdout and stdin.
 */
export class ClientProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = "";

  constructor(script: URL, scenario: unknown, caFile: string, env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ["--import", "tsx", script.pathname, JSON.stringify(scenario)], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, ...env },
    });
    this.child.stderr.on("data", (d) => {
      this.stderr += String(d);
    });
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async next(): Promise<Record<string, unknown>> {
    const line = await this.lines.next();
    if (line.done) throw new Error(`client process ended without answer: ${this.stderr}`);
    return JSON.parse(line.value) as Record<string, unknown>;
  }

  send(message: unknown): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Reads lines until the final {result} or {error}. */
  async outcome(): Promise<{
    result?: Record<string, unknown>;
    error?: { code?: string; message?: string; name?: string; statusCode?: number; subError?: string };
  }> {
    for (;;) {
      const message = await this.next();
      if ("result" in message || "error" in message) return message as never;
    }
  }
}

interface ClientError {
  readonly errorCode?: string;
  readonly code?: string;
  readonly errorMessage?: string;
  readonly message?: string;
  readonly name?: string;
  readonly statusCode?: number;
  /** MSAL's suberror (basic_action, consent_required…). */
  readonly subError?: string;
}

/** The tail every client script shares: run the scenario, print {result} or {error}, exit. */
export function reportOutcome(run: () => Promise<unknown>): void {
  const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
  run().then(
    (result) => {
      say({ result });
      process.exit(0);
    },
    (error: ClientError) => {
      // MSAL names its fields errorCode/errorMessage; the Azure SDKs and Graph use code/message.
      const { errorCode, code, errorMessage, message, statusCode, subError } = error;
      const name = error.name ?? (error as object).constructor.name;
      say({
        error: { code: errorCode ?? code, message: errorMessage ?? message, name, statusCode, subError },
      });
      process.exit(0);
    },
  );
}
