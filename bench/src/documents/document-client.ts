/**
 * The documents benchmark's client: one keep-alive HTTPS connection to the portal, reading and
 * writing files in 1 MiB pieces like the raw copy it is compared with, and sending what a real
 * client sends (a multipart body with a curl-like boundary of 40 characters). It runs beside the
 * portal on the same 2 cores, so what it spends is taken from the portal's transfer: it does what
 * a fast native client does (curl writes each piece it decrypts with a plain write(2)), no more.
 */
import { randomBytes } from "node:crypto";
import { closeSync, createReadStream, openSync, statSync, writevSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";

export const MiB = 1024 * 1024;

export interface PortalClient {
  /** Uploads `file` as `name` into the folder; answers the new document's id. */
  upload(file: string, name: string): Promise<string>;
  /** Downloads the document into `file`; answers the bytes written. */
  download(documentId: string, file: string): Promise<number>;
  close(): void;
}

interface Ready {
  readonly documents: string;
  readonly cookie: string;
  readonly folder: string;
}

const text = async (answer: IncomingMessage) => {
  let all = "";
  for await (const c of answer) all += c;
  return all;
};

/** Writes a response to a file in 1 MiB writes (one writev of the decrypted pieces each). */
function saveTo(answer: IncomingMessage, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fd = openSync(file, "w");
    let pieces: Buffer[] = [];
    let pending = 0;
    let written = 0;
    const flush = () => {
      if (pending > 0) written += writevSync(fd, pieces);
      pieces = [];
      pending = 0;
    };
    const finish = (error?: Error) => {
      flush();
      closeSync(fd);
      if (error || !answer.complete) reject(error ?? new Error("download cut"));
      else resolve(written);
    };
    answer.on("data", (piece: Buffer) => {
      pieces.push(piece);
      pending += piece.length;
      if (pending >= MiB) flush();
    });
    answer.on("end", () => finish());
    answer.on("error", finish);
  });
}

/** Opens the session the benchmark's portal made (its page gives the CSRF token uploads need). */
export async function portalClient(ready: Ready): Promise<PortalClient> {
  // Loopback only, one connection kept for the whole run (the portal's certificate is its own).
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  const request = (url: string, options: https.RequestOptions, body?: AsyncIterable<Buffer>) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const req = https.request(url, { ...options, agent }, resolve);
      req.on("error", reject);
      if (!body) req.end();
      else pipeline(body, req).catch(reject);
    });
  const page = await request(ready.documents, { headers: { cookie: ready.cookie } });
  const html = await text(page);
  const cookie = `${ready.cookie}; ${(page.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ")}`;
  const token = /data-csrf="([^"]+)"/.exec(html)?.[1] ?? "";
  return {
    async upload(file, name) {
      const boundary = `------------------------${randomBytes(8).toString("hex")}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      async function* body() {
        yield head;
        yield* createReadStream(file, { highWaterMark: MiB });
        yield tail;
      }
      const answer = await request(
        `${ready.documents}?folder=${ready.folder}`,
        {
          method: "POST",
          headers: {
            cookie,
            accept: "application/json",
            "x-csrf-token": token,
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "content-length": String(head.length + statSync(file).size + tail.length),
          },
        },
        body(),
      );
      const answered = await text(answer);
      if (answer.statusCode !== 201) throw new Error(`upload answered ${answer.statusCode}: ${answered}`);
      return JSON.parse(answered).files[0].id as string;
    },
    async download(documentId, file) {
      const answer = await request(`${ready.documents}/${documentId}/download`, { headers: { cookie } });
      if (answer.statusCode !== 200) throw new Error(`download answered ${answer.statusCode}`);
      return saveTo(answer, file);
    },
    close: () => agent.destroy(),
  };
}
