import { BlobAlteredError, checkBlob } from "../documents/blob-store";
import { versionsOf } from "../documents/document-queries";
import { documentStorage } from "../documents/document-storage";
import type { PortalContext } from "../service/portal-context";
import type { Approval } from "./approval-queries";

/** The asked version still exists with the SHA-256 recorded, and its stored bytes still match it. */
export async function verifiedVersion(ctx: PortalContext, approval: Approval): Promise<boolean> {
  const version = (await versionsOf(ctx.db, approval.document_id)).find(
    (v) => v.number === approval.version_number,
  );
  if (!version || version.sha256 !== approval.sha256) return false;
  try {
    await checkBlob(documentStorage(ctx.config).blobs, version.sha256, version.size);
    return true;
  } catch (error) {
    if (error instanceof BlobAlteredError) return false;
    throw error;
  }
}
