import { PassThrough } from "node:stream";
import busboy from "busboy";
import type { FastifyRequest } from "fastify";
import type { PortalContext } from "../service/portal-context";
import type { DossierVisit } from "./document-access";
import { storeDocument, type UploadOutcome } from "./document-operations";
import { documentStorage } from "./document-storage";
import { STREAM_CHUNK_BYTES } from "./stream-chunk";

export interface FileOutcome {
  readonly name: string;
  readonly outcome: UploadOutcome;
}

/**
 * Reads a multipart/form-data request file by file, each streamed into `storeDocument` as it
 * arrives (never buffered whole). A request cut midway rejects: the file being received is
 * discarded, the ones already complete stay.
 */
export function receiveFiles(
  ctx: PortalContext,
  request: FastifyRequest,
  visit: DossierVisit,
  folderId: string,
): Promise<FileOutcome[]> {
  const { maxBytes } = documentStorage(ctx.config);
  return new Promise((resolve, reject) => {
    const results: Promise<FileOutcome>[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // Browsers send file names in UTF-8 (busboy would read them as Latin-1).
        defParamCharset: "utf8",
        limits: { files: 50, fields: 10, fileSize: maxBytes + 1 },
        highWaterMark: STREAM_CHUNK_BYTES,
        fileHwm: STREAM_CHUNK_BYTES,
      });
    } catch (error) {
      reject(error);
      return;
    }
    parser.on("file", (_field, file, info) => {
      const name = info.filename ?? "";
      // A refused file (too large) stops being read by the store: drain the rest so the form goes on.
      const body = new PassThrough({ highWaterMark: STREAM_CHUNK_BYTES });
      file.pipe(body);
      body.on("error", () => file.resume());
      file.on("error", (error) => body.destroy(error));
      const stored = storeDocument(ctx, visit.scope, visit.actor, { folderId, name, source: body })
        .then((outcome) => ({ name, outcome }))
        .finally(() => file.resume());
      // A cut request rejects through the parser's error; this one is then only a consequence.
      stored.catch(() => {});
      results.push(stored);
    });
    parser.on("error", (error) => reject(error));
    parser.on("close", () => Promise.all(results).then(resolve, reject));
    request.raw.on("close", () => {
      if (!request.raw.complete) parser.destroy(new Error("upload cut"));
    });
    request.raw.pipe(parser);
  });
}
