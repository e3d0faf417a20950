/**
 * Child process of the documents benchmark: the floor a Node HTTPS server sets for a transfer on
 * this machine. node:https with the portal's own certificate and key (the same TLS, the same
 * keep-alive connection), and only the work no server can skip: it receives the request body and
 * writes it to a file on the same disk in 1 MiB writes, and sends a file back with a Content-Length
 * in 1 MiB reads. No framework, no multipart parsing, no checksum, no database, no rights: whatever
 * the portal spends above this row is its own; whatever this row misses of the raw copy is the
 * machine's (TLS, loopback, Node's streams), not the portal's.
 */
import {
  closeSync,
  createReadStream,
  ftruncateSync,
  openSync,
  readFileSync,
  statSync,
  writevSync,
} from "node:fs";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import path from "node:path";
import { MiB } from "./document-client";

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: floor-server.ts <portal data dir>");
const tls = path.join(dataDir, "tls");
const stored = path.join(dataDir, "floor-upload.bin");

/**
 * Receives a one-file multipart body into `stored`, gathering the decrypted pieces into writes of
 * 1 MiB (as the raw copy writes). The file's bytes are kept, not the part's head and closing
 * boundary: the head ends at the first blank line, the tail's length follows from the boundary.
 * No search for the boundary inside the bytes: the client sends one part and says its length.
 */
function receive(request: IncomingMessage, done: () => void): void {
  const boundary = /boundary=(.+)$/.exec(request.headers["content-type"] ?? "")?.[1] ?? "";
  const tailLength = `\r\n--${boundary}--\r\n`.length;
  const fd = openSync(stored, "w");
  let pieces: Buffer[] = [];
  let pending = 0;
  let written = 0;
  let inHead = true;
  const flush = () => {
    if (pending > 0) written += writevSync(fd, pieces);
    pieces = [];
    pending = 0;
  };
  request.on("data", (received: Buffer) => {
    let piece = received;
    if (inHead) {
      piece = piece.subarray(piece.indexOf("\r\n\r\n") + 4);
      inHead = false;
    }
    pieces.push(piece);
    pending += piece.length;
    if (pending >= MiB) flush();
  });
  request.on("end", () => {
    flush();
    ftruncateSync(fd, written - tailLength);
    closeSync(fd);
    done();
  });
}

const server = https.createServer(
  { cert: readFileSync(path.join(tls, "server.pem")), key: readFileSync(path.join(tls, "server-key.pem")) },
  (request, response) => {
    if (request.method === "POST") {
      receive(request, () => {
        const body = JSON.stringify({ files: [{ id: "floor" }] });
        response.writeHead(201, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        });
        response.end(body);
      });
      return;
    }
    response.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": statSync(stored).size,
    });
    createReadStream(stored, { highWaterMark: MiB }).pipe(response);
  },
);
server.keepAliveTimeout = 60_000;
// As the portal: on loopback, named localhost (its certificate names both).
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ base: `https://localhost:${port}` })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
