import type { Kysely } from "kysely";
import type { DossierScope } from "../documents/document-queries";
import type { ApprovalReauthTable, ApprovalTable } from "../storage/approval-tables";
import type { PortalDB } from "../storage/schema";

export type Approval = ApprovalTable;

export async function insertApproval(db: Kysely<PortalDB>, approval: Approval): Promise<void> {
  await db.insertInto("approval").values(approval).execute();
}

/** An approval of this dossier; another dossier's or firm's id is undefined. */
export async function findApproval(db: Kysely<PortalDB>, scope: DossierScope, id: string) {
  return db
    .selectFrom("approval")
    .selectAll()
    .where("id", "=", id)
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .executeTakeFirst();
}

/** The dossier's approvals, newest first; for a contact, only those asked of them. */
export async function approvalsOf(db: Kysely<PortalDB>, scope: DossierScope, contactId?: string) {
  let q = db
    .selectFrom("approval")
    .selectAll()
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId);
  if (contactId) q = q.where("contact_id", "=", contactId);
  return q.orderBy("requested_at", "desc").execute();
}

/** What waits for this contact's decision, in every dossier of theirs. */
export async function pendingApprovalsOf(db: Kysely<PortalDB>, firmId: string, contactId: string) {
  return db
    .selectFrom("approval")
    .innerJoin("dossier", "dossier.id", "approval.dossier_id")
    .innerJoin("contact_dossier", (join) =>
      join
        .onRef("contact_dossier.dossier_id", "=", "approval.dossier_id")
        .onRef("contact_dossier.contact_id", "=", "approval.contact_id"),
    )
    .select([
      "approval.id",
      "approval.dossier_id",
      "approval.document_name",
      "approval.version_number",
      "approval.requested_at",
      "dossier.name as dossier_name",
    ])
    .where("approval.firm_id", "=", firmId)
    .where("approval.contact_id", "=", contactId)
    .where("approval.status", "=", "pending")
    .where("contact_dossier.can_approve", "=", 1)
    .orderBy("approval.requested_at")
    .execute();
}

/** The newest version number of each document. */
export async function latestVersions(db: Kysely<PortalDB>, documentIds: readonly string[]) {
  if (documentIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("document_version")
    .select((eb) => ["document_id", eb.fn.max("number").as("n")])
    .where("document_id", "in", documentIds)
    .groupBy("document_id")
    .execute();
  return new Map(rows.map((r) => [r.document_id, Number(r.n)]));
}

export async function insertReauth(db: Kysely<PortalDB>, row: ApprovalReauthTable): Promise<void> {
  await db.insertInto("approval_reauth").values(row).execute();
}

export async function findReauth(db: Kysely<PortalDB>, state: string) {
  return db.selectFrom("approval_reauth").selectAll().where("state", "=", state).executeTakeFirst();
}

/** Records the callback's proof; false when this state already came back once. */
export async function verifyReauth(
  db: Kysely<PortalDB>,
  state: string,
  proof: { at: number; authTime: number; tid: string; oid: string; name: string },
): Promise<boolean> {
  const result = await db
    .updateTable("approval_reauth")
    .set({
      verified_at: proof.at,
      auth_time: proof.authTime,
      tid: proof.tid,
      oid: proof.oid,
      name: proof.name,
    })
    .where("state", "=", state)
    .where("verified_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The contact's latest proved, unused re-authentication for this approval, verified since `since`. */
export async function usableReauth(
  db: Kysely<PortalDB>,
  approvalId: string,
  contactId: string,
  since: number,
) {
  return db
    .selectFrom("approval_reauth")
    .selectAll()
    .where("approval_id", "=", approvalId)
    .where("contact_id", "=", contactId)
    .where("verified_at", ">=", since)
    .where("used_at", "is", null)
    .orderBy("verified_at", "desc")
    .executeTakeFirst();
}

/** Single use: false when another decision used it first. */
export async function useReauth(db: Kysely<PortalDB>, state: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable("approval_reauth")
    .set({ used_at: at })
    .where("state", "=", state)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the decision on a pending approval; false when it was decided already. */
export async function recordDecision(
  db: Kysely<PortalDB>,
  id: string,
  decision: Pick<
    Approval,
    | "status"
    | "decided_at"
    | "comment"
    | "signer_tid"
    | "signer_oid"
    | "signer_name"
    | "signer_ip"
    | "signer_user_agent"
    | "auth_time"
  >,
): Promise<boolean> {
  const result = await db
    .updateTable("approval")
    .set(decision)
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
