/**
 * What the benchmark firm's dossiers hold: 100,000 documents in folders with versions, request
 * lists (some items late, some answered), messages with read state and pending approvals.
 */
import { createHash, randomUUID } from "node:crypto";
import { DAY_MS as DAY } from "@sesame/kit/db/expiry-sweeper";
import type { PortalDB } from "@sesame/portal/storage/schema";
import type { Insertable } from "kysely";

const folders = ["Bilans", "Factures", "Social", "Fiscal"];

/** YYYY-MM-DD, `days` from now (negative: past). */
const day = (now: number, days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);

export interface DossierContentRows {
  readonly folderRows: Insertable<PortalDB["document_folder"]>[];
  readonly documents: Insertable<PortalDB["document"]>[];
  readonly versions: Insertable<PortalDB["document_version"]>[];
  readonly lists: Insertable<PortalDB["request_list"]>[];
  readonly items: Insertable<PortalDB["request_item"]>[];
  readonly messages: Insertable<PortalDB["message"]>[];
  readonly reads: Insertable<PortalDB["message_read"]>[];
  readonly approvals: Insertable<PortalDB["approval"]>[];
}

export function dossierContentRows(
  firmId: string,
  count: number,
  dossierId: (i: number) => string,
  accountants: readonly string[],
  contacts: readonly { id: string }[],
  now: number,
): DossierContentRows {
  const folderRows: Insertable<PortalDB["document_folder"]>[] = [];
  const documents: Insertable<PortalDB["document"]>[] = [];
  const versions: Insertable<PortalDB["document_version"]>[] = [];
  const lists: Insertable<PortalDB["request_list"]>[] = [];
  const items: Insertable<PortalDB["request_item"]>[] = [];
  const messages: Insertable<PortalDB["message"]>[] = [];
  const reads: Insertable<PortalDB["message_read"]>[] = [];
  const approvals: Insertable<PortalDB["approval"]>[] = [];
  const sha = createHash("sha256").update("bench").digest("hex");
  for (let d = 0; d < count; d++) {
    const id = dossierId(d);
    const folderIds = folders.map((name, position) => {
      const row = { id: randomUUID(), firm_id: firmId, dossier_id: id, name, position };
      folderRows.push(row);
      return row.id;
    });
    // Ten documents per dossier, a third with a second version.
    for (let k = 0; k < 10; k++) {
      const name = `piece-${d}-${k}.pdf`;
      const doc = {
        id: randomUUID(),
        firm_id: firmId,
        dossier_id: id,
        folder_id: folderIds[k % folderIds.length] ?? "",
        name,
        name_key: name,
        deleted_at: k === 9 && d % 7 === 0 ? now - DAY : null,
        created_at: now - (k + 1) * DAY,
        updated_at: now - k * DAY,
      };
      documents.push(doc);
      for (let v = 1; v <= (k % 3 === 0 ? 2 : 1); v++)
        versions.push({
          id: randomUUID(),
          document_id: doc.id,
          number: v,
          sha256: sha,
          size: 10_000 + k,
          mime: "application/pdf",
          scan: "clean",
          uploaded_by: `c${d}@exemple.fr`,
          uploaded_at: doc.created_at + v,
        });
      // One pending approval in every fifth dossier, for the dossier's own contact.
      if (k === 0 && d % 5 === 0)
        approvals.push({
          id: randomUUID(),
          firm_id: firmId,
          dossier_id: id,
          document_id: doc.id,
          document_name: name,
          version_number: 1,
          sha256: sha,
          contact_id: contacts[d]?.id ?? "",
          requested_by: "expert@ypn.fr",
          requested_at: now - DAY,
          note: "",
          status: d % 10 === 0 ? "pending" : "approved",
          decided_at: d % 10 === 0 ? null : now,
          comment: null,
          signer_tid: null,
          signer_oid: null,
          signer_name: null,
          signer_ip: null,
          signer_user_agent: null,
          auth_time: null,
        });
    }
    // Every other dossier has a list of six items: open (some late), answered, accepted.
    if (d % 2 === 0) {
      const list = {
        id: randomUUID(),
        firm_id: firmId,
        dossier_id: id,
        title: `Bilan ${2025 + (d % 2)}`,
        created_by: "expert@ypn.fr",
        created_at: now - 20 * DAY,
      };
      lists.push(list);
      for (let p = 0; p < 6; p++) {
        const status = p < 3 ? "open" : p === 3 ? (d % 4 === 0 ? "answered" : "rejected") : "accepted";
        items.push({
          id: randomUUID(),
          list_id: list.id,
          firm_id: firmId,
          dossier_id: id,
          position: p,
          label: `Pièce ${p}`,
          folder_name: folders[p % folders.length] ?? "Bilans",
          due_date: day(now, p === 0 && d % 6 === 0 ? -5 : 10 + p),
          status,
          answer_kind: status === "open" ? null : "comment",
          answer_text: status === "open" ? null : "Voilà",
          document_id: null,
          document_name: null,
          answered_by: status === "open" ? null : `c${d}@exemple.fr`,
          answered_at: status === "open" ? null : now - DAY,
          review_reason: null,
          reviewed_by: null,
          reviewed_at: null,
        });
      }
    }
    // Five messages per dossier, alternately from the accountant and the client; half read by each.
    for (let m = 0; m < 5; m++) {
      const fromStaff = m % 2 === 0;
      messages.push({
        id: randomUUID(),
        firm_id: firmId,
        dossier_id: id,
        author_kind: fromStaff ? "staff" : "contact",
        author_id: fromStaff ? (accountants[d % accountants.length] ?? "") : (contacts[d]?.id ?? ""),
        author_name: fromStaff ? "Expert" : "Client",
        body: `Message ${m}`,
        created_at: now - (5 - m) * DAY - d,
      });
    }
    if (d % 2 === 0) {
      reads.push({
        dossier_id: id,
        person_kind: "contact",
        person_id: contacts[d]?.id ?? "",
        read_up_to: now - 2 * DAY,
        notified_up_to: now - 2 * DAY,
      });
      reads.push({
        dossier_id: id,
        person_kind: "staff",
        person_id: accountants[d % accountants.length] ?? "",
        read_up_to: now,
        notified_up_to: now,
      });
    }
  }
  return { folderRows, documents, versions, lists, items, messages, reads, approvals };
}
