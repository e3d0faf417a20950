import type { Readable } from "node:stream";
import type { PortalContext } from "../service/portal-context";
import { BlobAlteredError, openVerified } from "./blob-store";
import type { DocumentActor } from "./document-operations";
import { trail } from "./document-operations";
import { type DossierScope, findDocument, type Version, versionsOf } from "./document-queries";
import { documentStorage } from "./document-storage";

export type ReadOutcome =
  | { ok: true; name: string; version: Version; stream: Readable }
  | { ok: false; refusal: "notFound" | "altered" };

/**
 * Opens a live document's version (the latest by default) for download or preview: the stored bytes
 * are checked against their SHA-256 while they stream, and first too unless they were verified
 * since their last change (`openVerified`; altered: a refusal, no byte sent); the read is written
 * to the dossier's trail.
 */
export async function openDocument(
  ctx: PortalContext,
  scope: DossierScope,
  actor: DocumentActor,
  documentId: string,
  how: "downloaded" | "previewed",
  number?: number,
): Promise<ReadOutcome> {
  const doc = await findDocument(ctx.db, scope, documentId);
  if (!doc || doc.deleted_at !== null) return { ok: false, refusal: "notFound" };
  const versions = await versionsOf(ctx.db, doc.id);
  const version = number === undefined ? versions[0] : versions.find((v) => v.number === number);
  if (!version) return { ok: false, refusal: "notFound" };
  const { blobs } = documentStorage(ctx.config);
  const altered = () =>
    ctx.logger.error({ document: doc.id, sha256: version.sha256 }, "stored document bytes altered");
  let stream: Readable;
  try {
    stream = await openVerified(blobs, version.sha256, version.size);
  } catch (error) {
    if (!(error instanceof BlobAlteredError)) throw error;
    altered();
    return { ok: false, refusal: "altered" };
  }
  // Bytes found altered only while they stream: the response is cut before its end, and logged.
  stream.on("error", (error) => {
    if (error instanceof BlobAlteredError) altered();
  });
  try {
    await trail(ctx.db, scope, actor, doc, how, version.number);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { ok: true, name: doc.name, version, stream };
}
