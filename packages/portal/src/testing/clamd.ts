import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "@sesame/kit/testing/free-port";

/** The EICAR antivirus test file (every antivirus reports it; it is harmless). */
export const EICAR = Buffer.from(
  ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR", "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join(""),
);

export interface TestClamd {
  readonly url: string;
  close(): Promise<void>;
}

const clamdPath = process.env.SESAME_CLAMD ?? "/usr/sbin/clamd";
export const clamdInstalled = (): boolean => fs.existsSync(clamdPath);

/**
 * Debian's clamd on a free port with one signature of our own: an MD5 line (.hdb) for EICAR.
 * Nothing is downloaded; the daemon runs in the foreground and is stopped by close().
 */
export async function startTestClamd(): Promise<TestClamd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-clamd-"));
  const md5 = createHash("md5").update(EICAR).digest("hex");
  fs.writeFileSync(path.join(dir, "sesame.hdb"), `${md5}:${EICAR.length}:Sesame.Test.EICAR\n`);
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, "clamd.conf"),
    [
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${port}`,
      "TCPAddr 127.0.0.1",
      "Foreground yes",
      `PidFile ${path.join(dir, "clamd.pid")}`,
      "LogFile /dev/null",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(clamdPath, ["--config-file", path.join(dir, "clamd.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`clamd exited (${code}): ${stderr}`))),
  );
  // Ready when it answers PING.
  for (;;) {
    const pong = await Promise.race([ping(port), exited]);
    if (pong) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `tcp://127.0.0.1:${port}`,
    async close() {
      child.removeAllListeners("exit");
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.on("data", (c: Buffer) => {
      answer += c.toString();
    });
    socket.on("connect", () => socket.end("zPING\0"));
    socket.on("end", () => resolve(answer.startsWith("PONG")));
    socket.on("error", () => resolve(false));
  });
}
