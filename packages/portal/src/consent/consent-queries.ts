import { randomBytes, randomUUID } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

export interface ConsentRecord {
  readonly firmId: string;
  readonly tenantId: string;
  readonly byOid: string | null;
  readonly byName: string | null;
  readonly permissions: string;
}

export async function findTenantConsent(db: Kysely<PortalDB>, firmId: string, tenantId: string) {
  return db
    .selectFrom("tenant_consent")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("tenant_id", "=", tenantId.toLowerCase())
    .executeTakeFirst();
}

/** Records (or renews) a tenant's approval; a later approval replaces a revoked one. */
export async function recordTenantConsent(db: Kysely<PortalDB>, record: ConsentRecord): Promise<void> {
  const values = {
    consented_by_oid: record.byOid,
    consented_by_name: record.byName,
    consented_at: Date.now(),
    permissions: record.permissions,
    revoked_at: null,
  };
  const tenantId = record.tenantId.toLowerCase();
  const existing = await findTenantConsent(db, record.firmId, tenantId);
  if (existing) {
    await db.updateTable("tenant_consent").set(values).where("id", "=", existing.id).execute();
    return;
  }
  try {
    await db
      .insertInto("tenant_consent")
      .values({ id: randomUUID(), firm_id: record.firmId, tenant_id: tenantId, ...values })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await db
      .updateTable("tenant_consent")
      .set(values)
      .where("firm_id", "=", record.firmId)
      .where("tenant_id", "=", tenantId)
      .execute();
  }
}

export async function markConsentRevoked(db: Kysely<PortalDB>, id: string): Promise<void> {
  await db
    .updateTable("tenant_consent")
    .set({ revoked_at: Date.now() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

export async function listTenantConsents(db: Kysely<PortalDB>, firmId: string) {
  return db
    .selectFrom("tenant_consent")
    .selectAll()
    .where("firm_id", "=", firmId)
    .orderBy("consented_at", "desc")
    .execute();
}

/** A state for an approval link; it comes back on /{firm}/authorize and ties the answer to the link. */
export async function newConsentState(db: Kysely<PortalDB>, firmId: string, contactId: string | null) {
  const state = randomBytes(24).toString("base64url");
  await db
    .insertInto("consent_request")
    .values({ state, firm_id: firmId, contact_id: contactId, created_at: Date.now() })
    .execute();
  return state;
}

export async function findConsentState(db: Kysely<PortalDB>, firmId: string, state: string) {
  return db
    .selectFrom("consent_request")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("state", "=", state)
    .executeTakeFirst();
}

/** One approval-link state per contact, reused so the link stays the same across visits. */
export async function consentStateFor(db: Kysely<PortalDB>, firmId: string, contactId: string) {
  const existing = await db
    .selectFrom("consent_request")
    .select("state")
    .where("firm_id", "=", firmId)
    .where("contact_id", "=", contactId)
    .executeTakeFirst();
  return existing?.state ?? newConsentState(db, firmId, contactId);
}

/** The readiness of every contact of the firm in this tenant: approved, as of now. */
export async function markTenantApproved(
  db: Kysely<PortalDB>,
  firmId: string,
  tenantId: string,
  now = Date.now(),
) {
  await db
    .updateTable("contact")
    .set({ readiness_consent: "approved", readiness_checked_at: now })
    .where("firm_id", "=", firmId)
    .where("readiness_kind", "=", "work")
    .where("readiness_tenant_id", "=", tenantId)
    .execute();
}
