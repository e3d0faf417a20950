/**
 * Time to ready and resident memory of each service run as production runs it (`node dist/<name>.js`,
 * SESAME_ENV=production) beside development (`tsx` on the sources, SESAME_ENV=development), on a
 * restart (data directory already made), median of three. Run after `npm run build`:
 * `node --import tsx bench/src/startup/built-beside-source.ts`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { median } from "../child-server";

const root = path.resolve(import.meta.dirname, "../../..");
const production = {
  SESAME_ENV: "production",
  SMTP_URL: "smtp://127.0.0.1:9",
  SESAME_SECRET: randomBytes(48).toString("base64"),
  SESAME_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  SESAME_CLIENT_SECRET: "a-secret-of-the-firm-itself",
};

async function startOnce(argv: string[], env: Record<string, string>, service: string) {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, argv, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", SESAME_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    if (line.startsWith(`${service} ready at `)) break;
  }
  const readyMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
  const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  return { readyMs, rssMiB };
}

for (const service of ["identity", "portal"]) {
  for (const mode of ["development", "production"] as const) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-start-mode-"));
    const argv =
      mode === "production"
        ? [`dist/${service}.js`]
        : ["--import", "tsx", `packages/${service}/src/serve.ts`];
    const env = {
      SESAME_DATA_DIR: dataDir,
      SESAME_IDENTITY_PORT: "0",
      SESAME_PORTAL_PORT: "0",
      SESAME_SMTP_SINK_PORT: "0",
      ...(mode === "production" ? production : {}),
    };
    const runs = [];
    await startOnce(argv, env, service); // first start: migrations, TLS material
    for (let i = 0; i < 3; i++) runs.push(await startOnce(argv, env, service));
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.stdout.write(
      `${service.padEnd(9)} ${mode.padEnd(12)} ready ${median(runs.map((r) => r.readyMs)).toFixed(0)} ms, ` +
        `RSS ${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB\n`,
    );
  }
}
