import { randomUUID } from "node:crypto";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import {
  allowedTypesOf,
  type DossierScope,
  type Folder,
  foldersOf,
  folderTemplate,
} from "./document-queries";
import { defaultAllowedTypes, defaultFolders } from "./document-rules";

/** The dossier's folders; the first time, the firm's tree (or the default one) is laid out. */
export async function ensureFolders(ctx: PortalContext, scope: DossierScope): Promise<Folder[]> {
  const existing = await foldersOf(ctx.db, scope);
  if (existing.length > 0) return existing;
  const names = await templateOf(ctx.db, scope.firmId);
  try {
    await ctx.db
      .insertInto("document_folder")
      .values(
        names.map((name, position) => ({
          id: randomUUID(),
          firm_id: scope.firmId,
          dossier_id: scope.dossierId,
          name,
          position,
        })),
      )
      .execute();
  } catch {
    // Two first visits at once: the other one laid the tree out (unique dossier + name).
  }
  return foldersOf(ctx.db, scope);
}

export async function templateOf(db: Kysely<PortalDB>, firmId: string): Promise<string[]> {
  const names = await folderTemplate(db, firmId);
  return names.length > 0 ? names : [...defaultFolders];
}

export async function allowedTypes(db: Kysely<PortalDB>, firmId: string): Promise<readonly string[]> {
  return (await allowedTypesOf(db, firmId)) ?? defaultAllowedTypes;
}

/** The firm admin's folder tree for dossiers opened from now on (one name a line, kept in order). */
export async function setFolderTemplate(
  ctx: PortalContext,
  firmId: string,
  actor: string,
  names: readonly string[],
): Promise<void> {
  await audited(ctx, { name: actor }, async (trx) => {
    await trx.deleteFrom("document_folder_template").where("firm_id", "=", firmId).execute();
    if (names.length > 0)
      await trx
        .insertInto("document_folder_template")
        .values(names.map((name, position) => ({ firm_id: firmId, position, name })))
        .execute();
    return {
      result: undefined,
      audit: { scope: firmId, action: "documents.folders", target: names.join(", ") },
    };
  });
}

/** The firm admin's list of accepted content types. */
export async function setAllowedTypes(
  ctx: PortalContext,
  firmId: string,
  actor: string,
  types: readonly string[],
): Promise<void> {
  await audited(ctx, { name: actor }, async (trx) => {
    const allowed_types = types.join("\n");
    const updated = await trx
      .updateTable("document_settings")
      .set({ allowed_types })
      .where("firm_id", "=", firmId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await trx.insertInto("document_settings").values({ firm_id: firmId, allowed_types }).execute();
    return {
      result: undefined,
      audit: { scope: firmId, action: "documents.types", target: types.join(", ") },
    };
  });
}
