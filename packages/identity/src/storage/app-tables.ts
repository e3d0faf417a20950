import { BOOL, TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

export type SignInAudience =
  | "AzureADMyOrg"
  | "AzureADMultipleOrgs"
  | "AzureADandPersonalMicrosoftAccount"
  | "PersonalMicrosoftAccount";

export const signInAudiences: readonly SignInAudience[] = [
  "AzureADMyOrg",
  "AzureADMultipleOrgs",
  "AzureADandPersonalMicrosoftAccount",
  "PersonalMicrosoftAccount",
];

/** An app registration (Graph `application`): the client id is `app_id`, `id` is its object id. */
export interface ApplicationTable {
  id: string;
  app_id: string;
  display_name: string;
  publisher: string;
  sign_in_audience: SignInAudience;
  /** The tenant the app is registered in (its "home" tenant). */
  tenant_id: string;
  /** App ID URI (`api://…`, `https://graph.microsoft.com`), the v1 `resource` and v1 access-token `aud`. */
  identifier_uri: string | null;
  front_channel_logout_url: string | null;
  created_at: number;
}

export type RedirectKind = "web" | "spa" | "public";

/** Exact-match redirect URIs. Other features check return URLs against this table by origin. */
export interface ApplicationRedirectUriTable {
  application_id: string;
  uri: string;
  kind: RedirectKind;
  created_at: number;
}

/** Only the SHA-256 of a secret is kept; `hint` is its first 3 characters, as Entra shows. */
export interface ApplicationSecretTable {
  id: string;
  application_id: string;
  hint: string;
  secret_hash: string;
  display_name: string;
  expires_at: number;
  created_at: number;
}

/** A public certificate for client assertions; `thumbprint` is the base64url SHA-1 (x5t). */
export interface ApplicationCertificateTable {
  id: string;
  application_id: string;
  thumbprint: string;
  certificate_pem: string;
  expires_at: number;
  created_at: number;
}

/** What an API application exposes: delegated scopes (`scope`) and app roles (`role`). */
export interface ApplicationPermissionTable {
  /** The permission id (Graph's real GUIDs for Microsoft Graph). */
  id: string;
  application_id: string;
  kind: "scope" | "role";
  value: string;
  admin_consent_required: number;
  label_fr: string;
  label_en: string;
}

/** Graph `requiredResourceAccess`: what a client app declares it needs from an API. */
export interface ApplicationRequiredPermissionTable {
  application_id: string;
  resource_app_id: string;
  permission_id: string;
  kind: "scope" | "role";
}

export interface AppTables {
  application: ApplicationTable;
  application_redirect_uri: ApplicationRedirectUriTable;
  application_secret: ApplicationSecretTable;
  application_certificate: ApplicationCertificateTable;
  application_permission: ApplicationPermissionTable;
  application_required_permission: ApplicationRequiredPermissionTable;
}

export async function createAppTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("application")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("app_id", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("publisher", "text", (c) => c.notNull())
    .addColumn("sign_in_audience", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("identifier_uri", "text", (c) => c.unique())
    .addColumn("front_channel_logout_url", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  const owned = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn("application_id", "text", (c) =>
        c.notNull().references("application.id").onDelete("cascade"),
      );
  await owned("application_redirect_uri")
    .addColumn("uri", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("application_redirect_uri_pk", ["application_id", "uri"])
    .execute();
  await db.schema
    .createIndex("application_redirect_uri_uri")
    .on("application_redirect_uri")
    .column("uri")
    .execute();
  await owned("application_secret")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("hint", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await owned("application_certificate")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("thumbprint", "text", (c) => c.notNull())
    .addColumn("certificate_pem", "text", (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await owned("application_permission")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("admin_consent_required", BOOL, (c) => c.notNull())
    .addColumn("label_fr", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addUniqueConstraint("application_permission_value", ["application_id", "kind", "value"])
    .execute();
  await owned("application_required_permission")
    .addColumn("resource_app_id", "text", (c) => c.notNull())
    .addColumn("permission_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("application_required_permission_pk", ["application_id", "permission_id"])
    .execute();
}
