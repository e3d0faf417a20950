/**
 * The portal benchmark's firm, seeded with multi-row inserts in one transaction: 10,000 dossiers
 * (one contact each, every tenth contact in two more), 100,000 documents in folders with versions,
 * request lists (some items late, some answered), messages with read state, pending approvals,
 * invitations, reminders and forwarded approval links. `scale` shrinks it for `--quick`.
 */
import { createHash, randomUUID } from "node:crypto";
import { contactRow } from "@sesame/portal/contacts/contact-queries";
import { dossierRow } from "@sesame/portal/dossiers/dossier-queries";
import { insertFirm, insertStaff } from "@sesame/portal/firms/firm-queries";
import type { DossierStatus } from "@sesame/portal/storage/dossier-table";
import type { PortalDB } from "@sesame/portal/storage/schema";
import type { Insertable, Kysely } from "kysely";

export interface PortalWorld {
  readonly firmId: string;
  readonly accountants: readonly string[];
  readonly admin: string;
  /** A contact of one dossier, and one of three. */
  readonly singleContact: string;
  readonly multiContact: string;
  readonly counts: { dossiers: number; contacts: number; documents: number; items: number; messages: number };
}

const DAY = 86_400_000;
const words = [
  "Boulangerie",
  "Garage",
  "Atelier",
  "Cabinet",
  "Pharmacie",
  "Menuiserie",
  "Transports",
  "Librairie",
  "Fromagerie",
  "Plomberie",
];
const towns = ["Versailles", "Élancourt", "Poissy", "Mantes", "Houdan", "Chatou", "Rambouillet", "Plaisir"];
const statuses: DossierStatus[] = ["onboarding", "active", "active", "active", "archived"];
const folders = ["Bilans", "Factures", "Social", "Fiscal"];

/** A valid SIREN from 8 digits: the Luhn key appended. */
function sirenOf(n: number): string {
  const body = String(10_000_000 + n).slice(-8);
  for (let key = 0; key < 10; key++) {
    const digits = body + key;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let d = Number(digits[8 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error("unreachable");
}

/** YYYY-MM-DD, `days` from now (negative: past). */
const day = (now: number, days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);

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

export async function seedPortalWorld(db: Kysely<PortalDB>, scale = 1): Promise<PortalWorld> {
  const DOSSIERS = Math.round(10_000 * scale);
  const firm = await insertFirm(db, { code: "YPN", name: "Cabinet YPN" });
  const accountants: string[] = [];
  for (let i = 0; i < 8; i++) {
    const s = await insertStaff(db, {
      firmId: firm.id,
      email: `expert${i}@ypn.fr`,
      displayName: `Expert ${i}`,
      role: "accountant",
      expectedTenant: "ypn.fr",
    });
    accountants.push(s.id);
  }
  const admin = await insertStaff(db, {
    firmId: firm.id,
    email: "associe@ypn.fr",
    displayName: "Associé",
    role: "admin",
    expectedTenant: "ypn.fr",
  });
  const now = Date.now();
  const dossiers: Insertable<PortalDB["dossier"]>[] = [];
  const contacts: Insertable<PortalDB["contact"]>[] = [];
  const links: Insertable<PortalDB["contact_dossier"]>[] = [];
  const invitations: Insertable<PortalDB["invitation"]>[] = [];
  const reminders: Insertable<PortalDB["invitation_reminder"]>[] = [];
  const audits: Insertable<PortalDB["audit_entry"]>[] = [];
  const folderRows: Insertable<PortalDB["document_folder"]>[] = [];
  const documents: Insertable<PortalDB["document"]>[] = [];
  const versions: Insertable<PortalDB["document_version"]>[] = [];
  const lists: Insertable<PortalDB["request_list"]>[] = [];
  const items: Insertable<PortalDB["request_item"]>[] = [];
  const messages: Insertable<PortalDB["message"]>[] = [];
  const reads: Insertable<PortalDB["message_read"]>[] = [];
  const approvals: Insertable<PortalDB["approval"]>[] = [];
  const sha = createHash("sha256").update("bench").digest("hex");

  for (let i = 0; i < DOSSIERS; i++) {
    dossiers.push(
      dossierRow(
        firm.id,
        {
          name: `${words[i % words.length]} ${towns[(i * 7) % towns.length]} ${i}`,
          siren: sirenOf(i * 7919),
          siret: null,
          address: `${i} rue de Paris`,
          accountantId: accountants[i % accountants.length] ?? null,
          status: statuses[i % statuses.length] ?? "active",
        },
        now - (DOSSIERS - i) * 60_000,
      ),
    );
  }
  const dossierId = (i: number) => dossiers[((i % DOSSIERS) + DOSSIERS) % DOSSIERS]?.id ?? "";
  for (let i = 0; i < DOSSIERS; i++) {
    const c = contactRow(
      firm.id,
      {
        civility: i % 2 ? "m" : "mme",
        firstName: `Prénom${i}`,
        lastName: `Nom${String(i).padStart(5, "0")}`,
        email: `c${i}@exemple.fr`,
        phone: null,
        language: "fr",
      },
      now - 90 * DAY + i * 1000,
    );
    // The funnel's spread: 40 % signed in, the rest invited at some step, a tenth never invited.
    const step = i % 10;
    const contact = {
      ...c,
      tid: step < 4 ? randomUUID() : null,
      oid: step < 4 ? randomUUID() : null,
      readiness_kind: step < 4 || step === 5 ? ("work" as const) : step === 6 ? ("none" as const) : null,
      readiness_consent: step < 4 ? "approved" : step === 5 ? "pending" : null,
    };
    contacts.push(contact);
    links.push({ contact_id: c.id, dossier_id: dossierId(i), can_read: 1, can_upload: 1, can_approve: 1 });
    if (i % 10 === 0)
      for (const k of [1, 2])
        links.push({
          contact_id: c.id,
          dossier_id: dossierId(i + k * 37),
          can_read: 1,
          can_upload: 1,
          can_approve: 0,
        });
    if (step !== 9) {
      const created = now - (30 - (i % 30)) * DAY;
      const invitation = {
        id: randomUUID(),
        firm_id: firm.id,
        contact_id: c.id,
        token_hash: createHash("sha256").update(c.id).digest("hex"),
        created_at: created,
        expires_at: created + 30 * DAY,
        last_sent_at: created,
        send_count: 1 + (i % 3),
        revoked_at: step === 8 ? created + DAY : null,
        completed_at: step < 4 ? created + DAY : null,
      };
      invitations.push(invitation);
      if (step >= 4 && step < 8)
        reminders.push({ invitation_id: invitation.id, step_days: 3, sent_at: created });
      if (step === 5 && i % 20 === 5)
        audits.push({
          id: randomUUID(),
          firm_id: firm.id,
          actor: c.email,
          action: "approval.forward",
          target: "admin@client.fr",
          at: created + DAY,
        });
    }
  }
  for (let d = 0; d < DOSSIERS; d++) {
    const id = dossierId(d);
    const folderIds = folders.map((name, position) => {
      const row = { id: randomUUID(), firm_id: firm.id, dossier_id: id, name, position };
      folderRows.push(row);
      return row.id;
    });
    // Ten documents per dossier, a third with a second version.
    for (let k = 0; k < 10; k++) {
      const name = `piece-${d}-${k}.pdf`;
      const doc = {
        id: randomUUID(),
        firm_id: firm.id,
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
          firm_id: firm.id,
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
        firm_id: firm.id,
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
          firm_id: firm.id,
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
        firm_id: firm.id,
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
  return {
    firmId: firm.id,
    accountants,
    admin: admin.id,
    singleContact: contacts[2]?.id ?? "",
    multiContact: contacts[0]?.id ?? "",
    counts: {
      dossiers: DOSSIERS,
      contacts: contacts.length,
      documents: documents.length,
      items: items.length,
      messages: messages.length,
    },
  };
}
