import type { Readable } from "node:stream";
import type { PortalContext } from "../service/portal-context";
import { BlobAlteredError, checkBlob, readVerified } from "./blob-store";
import type { DocumentActor } from "./document-operations";
import { trail } from "./document-operations";
import { type DossierScope, findDocument, type Version, versionsOf } from "./document-queries";
import { documentStorage } from "./document-storage";

export type ReadOutcome =
  | { ok: true; name: string; version: Version; stream: Readable }
  | { ok: false; refusal: "notFound" | "altered" };

/**
 * Opens a live document's version (the latest by default) for download or preview: the stored bytes
 * are checked against their SHA-256 first (altered: a refusal, no byte sent) and again while they
 * stream; the read is written to the dossier's trail.
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
  try {
    await checkBlob(blobs, version.sha256, version.size);
  } catch (error) {
    if (!(error instanceof BlobAlteredError)) throw error;
    ctx.logger.error({ document: doc.id, sha256: version.sha256 }, "stored document bytes altered");
    return { ok: false, refusal: "altered" };
  }
  await trail(ctx.db, scope, actor, doc, how, version.number);
  return {
    ok: true,
    name: doc.name,
    version,
    stream: await readVerified(blobs, version.sha256, version.size),
  };
}
