import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { DossierScope } from "../documents/document-queries";
import { ensureFolders } from "../documents/folder-operations";
import type { PortalContext } from "../service/portal-context";

/** The name of the folder where message attachments are kept, in every dossier. */
export const MESSAGES_FOLDER = "Messages";

/** The dossier's "Messages" folder, added after its other folders the first time a file is sent. */
export async function messagesFolder(ctx: PortalContext, scope: DossierScope): Promise<string> {
  const folders = await ensureFolders(ctx, scope);
  const known = folders.find((f) => f.name === MESSAGES_FOLDER);
  if (known) return known.id;
  const id = randomUUID();
  try {
    await ctx.db
      .insertInto("document_folder")
      .values({
        id,
        firm_id: scope.firmId,
        dossier_id: scope.dossierId,
        name: MESSAGES_FOLDER,
        position: Math.max(-1, ...folders.map((f) => f.position)) + 1,
      })
      .execute();
    return id;
  } catch (error) {
    // Two first attachments at once: the other one made it.
    if (!isUniqueViolation(error)) throw error;
    const again = (await ensureFolders(ctx, scope)).find((f) => f.name === MESSAGES_FOLDER);
    if (!again) throw error;
    return again.id;
  }
}
