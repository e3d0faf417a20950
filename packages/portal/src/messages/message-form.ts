import { PassThrough } from "node:stream";
import busboy from "busboy";
import type { FastifyRequest } from "fastify";
import type { DossierVisit } from "../documents/document-access";
import { storeDocument, type UploadRefusal } from "../documents/document-operations";
import { documentStorage } from "../documents/document-storage";
import type { PortalContext } from "../service/portal-context";
import { MESSAGE_MAX } from "./message-rules";

export interface MessageForm {
  readonly body: string;
  readonly stored: readonly { documentId: string; version: number; name: string }[];
  readonly refused: readonly { name: string; reason: UploadRefusal | "message.error.noUpload" }[];
}

/**
 * Reads the message form (multipart: the text first, then the files). Each file is streamed into
 * the documents' upload path (type by content, antivirus, versions, content-addressed store) in the
 * dossier's messages folder as it arrives, never buffered whole. A file is refused without being
 * stored when the person may not upload, or when the text before it is already too long.
 */
export function readMessageForm(
  ctx: PortalContext,
  request: FastifyRequest,
  visit: DossierVisit,
  folderId: () => Promise<string>,
): Promise<MessageForm> {
  const { maxBytes } = documentStorage(ctx.config);
  return new Promise((resolve, reject) => {
    let body = "";
    const stored: { documentId: string; version: number; name: string }[] = [];
    const refused: MessageForm["refused"][number][] = [];
    const pending: Promise<void>[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { files: 10, fields: 5, fieldSize: MESSAGE_MAX * 4 + 1, fileSize: maxBytes + 1 },
      });
    } catch (error) {
      reject(error);
      return;
    }
    parser.on("field", (name, value) => {
      if (name === "body") body = value;
    });
    parser.on("file", (_field, file, info) => {
      const name = info.filename ?? "";
      if (name === "") {
        file.resume();
        return;
      }
      if (!visit.rights.upload || body.length > MESSAGE_MAX) {
        if (!visit.rights.upload) refused.push({ name, reason: "message.error.noUpload" });
        file.resume();
        return;
      }
      const source = new PassThrough();
      file.pipe(source);
      source.on("error", () => file.resume());
      file.on("error", (error) => source.destroy(error));
      const done = folderId()
        .then((folder) => storeDocument(ctx, visit.scope, visit.actor, { folderId: folder, name, source }))
        .then((outcome) => {
          if (outcome.ok) stored.push({ documentId: outcome.documentId, version: outcome.version, name });
          else refused.push({ name, reason: outcome.refusal });
        })
        .finally(() => file.resume());
      done.catch(() => {});
      pending.push(done);
    });
    parser.on("error", (error) => reject(error));
    parser.on("close", () => Promise.all(pending).then(() => resolve({ body, stored, refused }), reject));
    request.raw.on("close", () => {
      if (!request.raw.complete) parser.destroy(new Error("message form cut"));
    });
    request.raw.pipe(parser);
  });
}
