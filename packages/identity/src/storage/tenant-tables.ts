import { BOOL, TIME } from "@sesame/kit/db/columns";
import type { ColumnType, Kysely } from "kysely";
import { CONSUMER_TENANT_ID } from "../config";

/** An organization (Entra ID tenant), or the one consumer tenant of all personal accounts. */
export interface TenantTable {
  id: string;
  display_name: string;
  kind: "consumer" | "organization";
  /** ISO 3166 alpha-2. */
  country: string | null;
  /** Tenant setting: may ordinary users consent to applications themselves (1) or not (0). */
  user_consent_allowed: number;
  created_at: number;
  /**
   * Added by 0301. Bumped by every change of roles or enabled admins: the UPDATE locks the tenant
   * row until commit, so two concurrent removals of Global Administrators are serialised.
   */
  directory_version: ColumnType<number, number | undefined, number>;
  /** Added by 0310. Tenant setting: may apps sign users in with their password (ROPC, 1) or not (0). */
  password_grant_allowed: ColumnType<number, number | undefined, number>;
}

/** Verified (or pending) domains of a tenant; a domain belongs to at most one tenant. */
export interface TenantDomainTable {
  name: string;
  tenant_id: string;
  is_initial: number;
  is_default: number;
  verification_token: string;
  verified_at: number | null;
  created_at: number;
}

export interface TenantTables {
  tenant: TenantTable;
  tenant_domain: TenantDomainTable;
}

export async function createTenantTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tenant")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("user_consent_allowed", BOOL, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("tenant_domain")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenant.id").onDelete("cascade"))
    .addColumn("is_initial", BOOL, (c) => c.notNull().defaultTo(0))
    .addColumn("is_default", BOOL, (c) => c.notNull().defaultTo(0))
    .addColumn("verification_token", "text", (c) => c.notNull())
    .addColumn("verified_at", TIME)
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tenant_domain_tenant").on("tenant_domain").column("tenant_id").execute();
  await (db as Kysely<TenantTables>)
    .insertInto("tenant")
    .values({
      id: CONSUMER_TENANT_ID,
      display_name: "Microsoft Accounts",
      kind: "consumer",
      country: null,
      user_consent_allowed: 1,
      created_at: Date.now(),
    })
    .execute();
}
