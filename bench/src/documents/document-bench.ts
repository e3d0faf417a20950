/**
 * Documents benchmark: a 100 MB file uploaded to and downloaded from the portal (HTTPS, multipart,
 * SQLite, files on disk) against a raw streamed copy of the same file on the same disk, in the same
 * run; and the process's RSS sampled during each transfer (flat when everything streams). The
 * client runs in the portal's process, so the RSS shown bounds the portal's from above.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { foldersOf } from "@sesame/portal/documents/document-queries";
import { seedDocumentWorld } from "@sesame/portal/documents/document-test-support";
import { startPortal } from "@sesame/portal/main";
import { loadPortalConfig } from "@sesame/portal/service/portal-config";
import { createSession } from "@sesame/portal/sessions/session-store";

export interface DocumentBenchRow {
  readonly transfer: string;
  readonly mbPerSecond: number;
  readonly ratioToRaw: number;
  readonly rssBeforeMiB: number;
  readonly rssMaxMiB: number;
}

const SIZE = 100 * 1024 * 1024;
const mib = (n: number) => n / 1024 / 1024;

async function timed(
  run: () => Promise<void>,
): Promise<{ seconds: number; rssMax: number; rssBefore: number }> {
  const rssBefore = process.memoryUsage().rss;
  let rssMax = rssBefore;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  return { seconds, rssMax, rssBefore };
}

function request(url: string, options: https.RequestOptions, body?: AsyncIterable<Buffer>) {
  return new Promise<import("node:http").IncomingMessage>((resolve, reject) => {
    const req = https.request(url, { ...options, rejectUnauthorized: false }, resolve);
    req.on("error", reject);
    if (!body) return req.end();
    pipeline(body, req).catch(reject);
  });
}

export async function benchDocuments(): Promise<DocumentBenchRow[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sesame-doc-bench-"));
  const source = path.join(dir, "grand-livre.pdf");
  const out = await fs.open(source, "w");
  await out.write(Buffer.from("%PDF-1.4\n"));
  for (let written = 9; written < SIZE; written += 1 << 20)
    await out.write(randomBytes(Math.min(1 << 20, SIZE - written)));
  await out.close();
  const config = loadPortalConfig({
    SESAME_DATA_DIR: path.join(dir, "data"),
    DATABASE_URL: `sqlite:${path.join(dir, "db")}`,
    SESAME_PORTAL_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
  });
  const portal = await startPortal(config, { smtpSinkPort: 9 });
  try {
    const w = await seedDocumentWorld(portal.ctx);
    const session = await createSession(portal.ctx.db, {
      kind: "staff",
      firmId: w.firm.id,
      subjectId: w.admin.id,
      tid: "t",
      oid: "o",
      name: "bench",
      idToken: "",
    });
    const here = `${portal.url}/YPN/dossiers/${w.dossierA}/documents`;
    let cookie = `__Host-portal_session=${session}`;
    const page = await request(here, { headers: { cookie } });
    let html = "";
    for await (const c of page) html += c;
    cookie += `; ${(page.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ")}`;
    const token = /data-csrf="([^"]+)"/.exec(html)?.[1] ?? "";
    const folder = (await foldersOf(portal.ctx.db, { firmId: w.firm.id, dossierId: w.dossierA }))[0]?.id;

    const raw = await timed(() =>
      pipeline(createReadStream(source), createWriteStream(path.join(dir, "copy.pdf"))),
    );
    let documentId = "";
    const up = await timed(async () => {
      const boundary = "----sesamebench";
      async function* body() {
        yield Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="grand-livre.pdf"\r\n\r\n`,
        );
        yield* createReadStream(source, { highWaterMark: 256 * 1024 });
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      }
      const answer = await request(
        `${here}?folder=${folder}`,
        {
          method: "POST",
          headers: {
            cookie,
            accept: "application/json",
            "x-csrf-token": token,
            "content-type": `multipart/form-data; boundary=${boundary}`,
          },
        },
        body(),
      );
      let text = "";
      for await (const c of answer) text += c;
      if (answer.statusCode !== 201) throw new Error(`upload answered ${answer.statusCode}: ${text}`);
      documentId = JSON.parse(text).files[0].id;
    });
    const down = await timed(async () => {
      const answer = await request(`${here}/${documentId}/download`, { headers: { cookie } });
      if (answer.statusCode !== 200) throw new Error(`download answered ${answer.statusCode}`);
      await pipeline(answer, createWriteStream(path.join(dir, "back.pdf")));
    });
    const rate = (s: number) => mib(SIZE) / s;
    const row = (transfer: string, r: typeof raw): DocumentBenchRow => ({
      transfer,
      mbPerSecond: rate(r.seconds),
      ratioToRaw: raw.seconds / r.seconds,
      rssBeforeMiB: mib(r.rssBefore),
      rssMaxMiB: mib(r.rssMax),
    });
    return [row("raw streamed copy", raw), row("portal upload", up), row("portal download", down)];
  } finally {
    await portal.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
