import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { PortalContext } from "../service/portal-context";
import type { DocumentAction, ScanStatus } from "../storage/document-tables";
import type { PortalDB } from "../storage/schema";
import { commitBlob } from "./blob-store";
import { ScanUnavailableError, scanFile } from "./clamav-client";
import { type DossierScope, findDocument, findLiveByName, foldersOf, insertEvent } from "./document-queries";
import { cleanName, inBin, nameKey } from "./document-rules";
import { documentStorage } from "./document-storage";
import { detectType } from "./document-type";
import { allowedTypes } from "./folder-operations";
import { discardStaged, type StagedFile, stageUpload, UploadTooLargeError } from "./staging";

/** Who acts, as the trail shows them, and from where. */
export interface DocumentActor {
  readonly name: string;
  readonly ip: string;
}

export type UploadRefusal =
  | "document.error.tooLarge"
  | "document.error.type"
  | "document.error.infected"
  | "document.error.name"
  | "document.error.folder"
  | "document.error.scanUnavailable";

export type UploadOutcome =
  | { ok: true; documentId: string; version: number; sha256: string; mime: string; scan: ScanStatus }
  | { ok: false; refusal: UploadRefusal; mime?: string };

/**
 * Stores one uploaded file as a document of the dossier: streamed to staging (hashed, size-limited),
 * typed by content against the firm's list, scanned when ClamAV is configured, moved into the blob
 * store, then made visible in one transaction. A file of the same name in the folder becomes its
 * next version. Nothing is visible until every step passed; a failure leaves nothing.
 */
export async function storeDocument(
  ctx: PortalContext,
  scope: DossierScope,
  actor: DocumentActor,
  input: { folderId: string; name: string; source: Readable },
): Promise<UploadOutcome> {
  const storage = documentStorage(ctx.config);
  const name = cleanName(input.name);
  const folder = (await foldersOf(ctx.db, scope)).find((f) => f.id === input.folderId);
  let staged: StagedFile;
  try {
    staged = await stageUpload(input.source, storage.stagingDir, storage.maxBytes);
  } catch (error) {
    if (error instanceof UploadTooLargeError) return { ok: false, refusal: "document.error.tooLarge" };
    throw error;
  }
  try {
    if (!folder) return { ok: false, refusal: "document.error.folder" };
    if (!name) return { ok: false, refusal: "document.error.name" };
    const mime = await detectType(staged.path, staged.head);
    if (!mime || !(await allowedTypes(ctx.db, scope.firmId)).includes(mime))
      return { ok: false, refusal: "document.error.type", ...(mime ? { mime } : {}) };
    const scan = await scanFile(ctx.config.CLAMAV_URL, staged.path).catch((error) => {
      if (!(error instanceof ScanUnavailableError)) throw error;
      ctx.logger.error({ err: error }, "antivirus unavailable: upload refused");
      return "unavailable" as const;
    });
    if (scan === "unavailable") return { ok: false, refusal: "document.error.scanUnavailable" };
    if (scan === "infected") return { ok: false, refusal: "document.error.infected" };
    await commitBlob(storage.blobs, staged);
    const stored = await recordVersion(ctx, scope, actor, folder.id, name, staged, mime, scan).catch(
      (error) => {
        // Two uploads of a new name at once: the second becomes a version of the first.
        if (!isUniqueViolation(error)) throw error;
        return recordVersion(ctx, scope, actor, folder.id, name, staged, mime, scan);
      },
    );
    return { ok: true, ...stored, sha256: staged.sha256, mime, scan };
  } finally {
    await discardStaged(staged);
  }
}

async function recordVersion(
  ctx: PortalContext,
  scope: DossierScope,
  actor: DocumentActor,
  folderId: string,
  name: string,
  staged: StagedFile,
  mime: string,
  scan: ScanStatus,
) {
  return audited(ctx, { name: actor.name }, async (trx) => {
    const now = Date.now();
    const existing = await findLiveByName(trx, folderId, nameKey(name));
    const documentId = existing?.id ?? randomUUID();
    if (!existing)
      await trx
        .insertInto("document")
        .values({
          id: documentId,
          firm_id: scope.firmId,
          dossier_id: scope.dossierId,
          folder_id: folderId,
          name,
          name_key: nameKey(name),
          deleted_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    else await trx.updateTable("document").set({ updated_at: now }).where("id", "=", documentId).execute();
    const last = await trx
      .selectFrom("document_version")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("document_id", "=", documentId)
      .executeTakeFirst();
    const version = Number(last?.n ?? 0) + 1;
    await trx
      .insertInto("document_version")
      .values({
        id: randomUUID(),
        document_id: documentId,
        number: version,
        sha256: staged.sha256,
        size: staged.size,
        mime,
        scan,
        uploaded_by: actor.name,
        uploaded_at: now,
      })
      .execute();
    await trail(trx, scope, actor, { id: documentId, name }, "uploaded", version);
    return {
      result: { documentId, version },
      audit: { scope: scope.firmId, action: "document.upload", target: `${name} (v${version})` },
    };
  });
}

/** One line of the dossier's activity trail. */
export async function trail(
  db: Kysely<PortalDB>,
  scope: DossierScope,
  actor: DocumentActor,
  document: { id: string; name: string },
  action: DocumentAction,
  version: number | null = null,
): Promise<void> {
  await insertEvent(db, {
    firm_id: scope.firmId,
    dossier_id: scope.dossierId,
    document_id: document.id,
    document_name: document.name,
    version_number: version,
    action,
    actor: actor.name,
    ip: actor.ip,
  });
}

/** A change of a live document (rename, move) or of its place in the bin (delete, restore). */
export async function changeDocument(
  ctx: PortalContext,
  scope: DossierScope,
  actor: DocumentActor,
  documentId: string,
  change:
    | { action: "renamed"; name: string }
    | { action: "moved"; folderId: string }
    | { action: "deleted" }
    | { action: "restored" },
): Promise<"ok" | "notFound" | "duplicate" | "document.error.name"> {
  const doc = await findDocument(ctx.db, scope, documentId);
  const live = change.action !== "restored";
  if (!doc || (doc.deleted_at === null) !== live) return "notFound";
  if (change.action === "restored" && !inBin(doc.deleted_at)) return "notFound";
  if (change.action === "moved" && !(await foldersOf(ctx.db, scope)).some((f) => f.id === change.folderId))
    return "notFound";
  const name = change.action === "renamed" ? cleanName(change.name) : doc.name;
  if (!name) return "document.error.name";
  try {
    return await audited(ctx, { name: actor.name }, async (trx) => {
      const now = Date.now();
      const set =
        change.action === "renamed"
          ? { name, name_key: nameKey(name), updated_at: now }
          : change.action === "moved"
            ? { folder_id: change.folderId, updated_at: now }
            : { deleted_at: change.action === "deleted" ? now : null, updated_at: now };
      await trx.updateTable("document").set(set).where("id", "=", doc.id).execute();
      await trail(trx, scope, actor, { id: doc.id, name }, change.action);
      return {
        result: "ok" as const,
        audit: { scope: scope.firmId, action: `document.${change.action}`, target: name },
      };
    });
  } catch (error) {
    // Another live document of that name in the folder.
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}
