/** Writes the benchmark firm's rows: multi-row inserts in one transaction. */
import type { PortalDB } from "@sesame/portal/storage/schema";
import type { Insertable, Kysely } from "kysely";
import type { ContactRows } from "./world-contacts";
import type { DossierContentRows } from "./world-dossier-content";

/** Inserts in chunks small enough for SQLite's and PostgreSQL's parameter limits. */
async function inChunks<R extends object>(
  rows: R[],
  insert: (chunk: R[]) => Promise<unknown>,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const size = Math.max(1, Math.floor(16_000 / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

export async function insertWorld(
  db: Kysely<PortalDB>,
  dossiers: Insertable<PortalDB["dossier"]>[],
  rows: ContactRows & DossierContentRows,
): Promise<void> {
  const { contacts, links, invitations, reminders, audits } = rows;
  const { folderRows, documents, versions, lists, items, messages, reads, approvals } = rows;
  await db.transaction().execute(async (trx) => {
    await inChunks(dossiers, (c) => trx.insertInto("dossier").values(c).execute());
    await inChunks(contacts, (c) => trx.insertInto("contact").values(c).execute());
    await inChunks(links, (c) => trx.insertInto("contact_dossier").values(c).execute());
    await inChunks(invitations, (c) => trx.insertInto("invitation").values(c).execute());
    await inChunks(reminders, (c) => trx.insertInto("invitation_reminder").values(c).execute());
    await inChunks(audits, (c) => trx.insertInto("audit_entry").values(c).execute());
    await inChunks(folderRows, (c) => trx.insertInto("document_folder").values(c).execute());
    await inChunks(documents, (c) => trx.insertInto("document").values(c).execute());
    await inChunks(versions, (c) => trx.insertInto("document_version").values(c).execute());
    await inChunks(lists, (c) => trx.insertInto("request_list").values(c).execute());
    await inChunks(items, (c) => trx.insertInto("request_item").values(c).execute());
    await inChunks(messages, (c) => trx.insertInto("message").values(c).execute());
    await inChunks(reads, (c) => trx.insertInto("message_read").values(c).execute());
    await inChunks(approvals, (c) => trx.insertInto("approval").values(c).execute());
  });
}
