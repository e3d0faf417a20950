import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { audited } from "@sesame/kit/operations/audited";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import type { Account } from "../accounts/account-queries";
import { looksLikeEmail } from "../accounts/email";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { adminSetPassword } from "../directory/admin-password";
import { createWorkAccount } from "../directory/work-accounts";
import { translate } from "../i18n/messages";
import { addSeats, requireSku } from "../licences/licence-operations";
import { ROLES } from "../roles/role-catalogue";
import { rolesOf } from "../roles/role-queries";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";
import { saveSecurityDefaults } from "../tenants/security-defaults-queries";
import { createTenant } from "../tenants/tenant-operations";
import type { Tenant } from "../tenants/tenant-queries";

type Db = Kysely<IdentityDB>;

/** Marks a tenant as a partner (reseller); its Global Administrators act for it. */
export async function makeReseller(trx: Db, tenantId: string): Promise<void> {
  const existing = await trx
    .selectFrom("reseller")
    .select("tenant_id")
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (!existing)
    await trx.insertInto("reseller").values({ tenant_id: tenantId, created_at: Date.now() }).execute();
}

/** The partner tenant an account acts for: its own, when it is a Global Administrator of a reseller. */
export async function resellerOf(db: Db, account: Account): Promise<string | undefined> {
  if (account.kind !== "work") return undefined;
  const reseller = await db
    .selectFrom("reseller")
    .select("tenant_id")
    .where("tenant_id", "=", account.tenant_id)
    .executeTakeFirst();
  if (!reseller) return undefined;
  return (await rolesOf(db, account.id)).includes(ROLES.globalAdministrator) ? reseller.tenant_id : undefined;
}

export interface NewCustomer {
  readonly displayName: string;
  readonly country: string;
  readonly prefix?: string;
  readonly adminUserName: string;
  readonly adminDisplayName: string;
  /** Where the first admin's credentials are mailed (the customer's own address). */
  readonly contactEmail: string;
  readonly sku?: string;
  readonly seats?: number;
  readonly language: "fr" | "en";
}

export interface CreatedCustomer {
  readonly tenant: Tenant;
  readonly admin: Account;
  readonly initialDomain: string;
}

/**
 * A customer tenant with its first Global Administrator (temporary password, must change at first
 * sign-in), optionally a first subscription; the credentials mail is queued in the same
 * transaction, so the tenant exists exactly when its admin is told about it.
 */
export async function createCustomerTenant(
  ctx: IdentityContext,
  resellerTenantId: string,
  actor: Actor,
  input: NewCustomer,
): Promise<CreatedCustomer> {
  if (!looksLikeEmail(input.contactEmail)) throw new DirectoryError("directory.error.contactEmail");
  const password = await adminSetPassword(ctx.config, undefined);
  const created = await audited(ctx, actor, async (trx) => {
    const { tenant, initialDomain } = await createTenant(trx, {
      displayName: input.displayName,
      country: input.country,
      ...(input.prefix ? { prefix: input.prefix } : {}),
      suffix: ctx.config.SESAME_TENANT_DOMAIN_SUFFIX,
    });
    // New organizations start with security defaults on, as at Microsoft.
    await saveSecurityDefaults(trx, tenant.id, true);
    const admin = await createWorkAccount(trx, {
      tenantId: tenant.id,
      userName: input.adminUserName,
      domain: initialDomain,
      displayName: input.adminDisplayName,
      usageLocation: input.country,
      passwordHash: password.hash,
      mustChangePassword: true,
    });
    await trx
      .insertInto("directory_role_assignment")
      .values({
        tenant_id: tenant.id,
        account_id: admin.id,
        role_template_id: ROLES.globalAdministrator,
        assigned_at: Date.now(),
      })
      .execute();
    await trx
      .insertInto("reseller_customer")
      .values({ customer_tenant_id: tenant.id, reseller_tenant_id: resellerTenantId, created_at: Date.now() })
      .execute();
    if (input.sku && input.seats)
      await addSeats(trx, tenant.id, await requireSku(trx, input.sku), input.seats);
    const t = translate(input.language);
    const params = {
      tenant: tenant.display_name,
      upn: admin.email,
      password: password.password,
      url: `${ctx.origin}/admin`,
    };
    await enqueueMail(narrow<MailTables, IdentityDB>(trx), {
      to: input.contactEmail.trim(),
      from: ctx.config.SESAME_MAIL_FROM,
      subject: t("reseller.mail.subject", params),
      text: t("reseller.mail.text", params),
      html: `<p>${escapeHtml(t("reseller.mail.text", params)).replace(/\n/g, "<br>")}</p>`,
    });
    return {
      result: { tenant, admin, initialDomain },
      audit: {
        scope: tenant.id,
        action: "tenant.create",
        target: tenant.display_name,
        detail: {
          reseller: resellerTenantId,
          admin: admin.email,
          ...(input.sku ? { sku: input.sku, seats: input.seats } : {}),
        },
      },
    };
  });
  ctx.mailQueued();
  return created;
}

/** Makes the organization a partner, with its audit entry. */
export function enableReseller(ctx: IdentityContext, actor: Actor, tenant: Tenant): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await makeReseller(trx, tenant.id);
    return {
      result: undefined,
      audit: { scope: tenant.id, action: "reseller.enable", target: tenant.display_name },
    };
  });
}

export interface CustomerRow {
  readonly id: string;
  readonly displayName: string;
  readonly country: string | null;
  readonly createdAt: number;
}

export async function listCustomers(db: Db, resellerTenantId: string): Promise<CustomerRow[]> {
  const rows = await db
    .selectFrom("reseller_customer as c")
    .innerJoin("tenant as t", "t.id", "c.customer_tenant_id")
    .select(["t.id", "t.display_name", "t.country", "c.created_at"])
    .where("c.reseller_tenant_id", "=", resellerTenantId)
    .orderBy("t.display_name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    country: r.country,
    createdAt: Number(r.created_at),
  }));
}

/** The customer tenant, when this reseller sold it; a clear 404 otherwise (never another partner's). */
export async function requireCustomer(db: Db, resellerTenantId: string, tenantId: string): Promise<Tenant> {
  const tenant = await db
    .selectFrom("reseller_customer as c")
    .innerJoin("tenant as t", "t.id", "c.customer_tenant_id")
    .selectAll("t")
    .where("c.reseller_tenant_id", "=", resellerTenantId)
    .where("c.customer_tenant_id", "=", tenantId.toLowerCase())
    .executeTakeFirst();
  if (!tenant) throw new DirectoryError("directory.error.tenantUnknown", { tenant: tenantId }, 404);
  return tenant;
}
