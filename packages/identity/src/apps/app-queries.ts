import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type {
  ApplicationPermissionTable,
  ApplicationTable,
  RedirectKind,
  SignInAudience,
} from "../storage/app-tables";
import type { IdentityDB } from "../storage/schema";
import { hashClientSecret, newClientSecret } from "./client-secret";

type Db = Kysely<IdentityDB>;
export type Application = Selectable<ApplicationTable>;
export type ExposedPermission = Selectable<ApplicationPermissionTable>;

export interface NewApplication {
  readonly appId?: string;
  readonly displayName: string;
  readonly publisher: string;
  readonly signInAudience: SignInAudience;
  readonly tenantId: string;
  readonly identifierUri?: string | null;
  readonly frontChannelLogoutUrl?: string | null;
}

export async function createApplication(db: Db, input: NewApplication): Promise<Application> {
  const row: Application = {
    id: randomUUID(),
    app_id: (input.appId ?? randomUUID()).toLowerCase(),
    display_name: input.displayName,
    publisher: input.publisher,
    sign_in_audience: input.signInAudience,
    tenant_id: input.tenantId,
    identifier_uri: input.identifierUri ?? null,
    front_channel_logout_url: input.frontChannelLogoutUrl ?? null,
    created_at: Date.now(),
  };
  await db.insertInto("application").values(row).execute();
  return row;
}

export function findApplication(db: Db, appId: string): Promise<Application | undefined> {
  return db
    .selectFrom("application")
    .selectAll()
    .where("app_id", "=", appId.toLowerCase())
    .executeTakeFirst();
}

/** An API named by its client id or its App ID URI (v1 `resource`, v2 scope prefix). */
export function findResourceApplication(db: Db, idOrUri: string): Promise<Application | undefined> {
  const value = idOrUri.replace(/\/+$/, "");
  return db
    .selectFrom("application")
    .selectAll()
    .where((eb) => eb.or([eb("app_id", "=", value.toLowerCase()), eb("identifier_uri", "=", value)]))
    .executeTakeFirst();
}

export function listApplications(db: Db): Promise<Application[]> {
  return db.selectFrom("application").selectAll().orderBy("display_name").execute();
}

/** The applications registered in a tenant (its app registrations). */
export function tenantApplications(db: Db, tenantId: string): Promise<Application[]> {
  return db
    .selectFrom("application")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("display_name")
    .execute();
}

export async function addRedirectUri(db: Db, applicationId: string, uri: string, kind: RedirectKind) {
  await db
    .insertInto("application_redirect_uri")
    .values({ application_id: applicationId, uri, kind, created_at: Date.now() })
    .execute();
}

export function redirectUris(db: Db, applicationId: string) {
  return db
    .selectFrom("application_redirect_uri")
    .select(["uri", "kind"])
    .where("application_id", "=", applicationId)
    .orderBy("uri")
    .execute();
}

/** Redirect URIs by platform, as Graph's `web`, `spa` and `publicClient` and the admin centre show them. */
export interface RedirectUrisByKind {
  web: string[];
  spa: string[];
  publicClient: string[];
}

/** The redirect URIs of several applications (object ids), grouped per application and platform. */
export async function redirectUrisByKind(
  db: Db,
  applicationIds: readonly string[],
): Promise<Map<string, RedirectUrisByKind>> {
  const groups = new Map(
    applicationIds.map((id) => [id, { web: [], spa: [], publicClient: [] } as RedirectUrisByKind]),
  );
  if (!applicationIds.length) return groups;
  const rows = await db
    .selectFrom("application_redirect_uri")
    .select(["application_id", "uri", "kind"])
    .where("application_id", "in", applicationIds)
    .orderBy("uri")
    .execute();
  for (const row of rows)
    groups.get(row.application_id)?.[row.kind === "public" ? "publicClient" : row.kind].push(row.uri);
  return groups;
}

/** Creates a secret and returns its value: the only moment it exists in clear. */
export async function addClientSecret(
  db: Db,
  applicationId: string,
  input: { displayName: string; lifetimeDays: number },
): Promise<{ id: string; secret: string; expiresAt: number }> {
  const secret = newClientSecret();
  const now = Date.now();
  const row = {
    id: randomUUID(),
    application_id: applicationId,
    hint: secret.slice(0, 3),
    secret_hash: hashClientSecret(secret),
    display_name: input.displayName,
    expires_at: now + input.lifetimeDays * 24 * 60 * 60 * 1000,
    created_at: now,
  };
  await db.insertInto("application_secret").values(row).execute();
  return { id: row.id, secret, expiresAt: row.expires_at };
}

export function clientSecrets(db: Db, applicationId: string) {
  return db
    .selectFrom("application_secret")
    .select(["id", "hint", "display_name", "expires_at", "secret_hash"])
    .where("application_id", "=", applicationId)
    .execute();
}

export async function addCertificate(
  db: Db,
  applicationId: string,
  input: { thumbprint: string; certificatePem: string; expiresAt: number },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("application_certificate")
    .values({
      id,
      application_id: applicationId,
      thumbprint: input.thumbprint,
      certificate_pem: input.certificatePem,
      expires_at: input.expiresAt,
      created_at: Date.now(),
    })
    .execute();
  return id;
}

export function certificates(db: Db, applicationId: string) {
  return db
    .selectFrom("application_certificate")
    .select(["id", "thumbprint", "certificate_pem", "expires_at"])
    .where("application_id", "=", applicationId)
    .execute();
}

export function exposedPermissions(db: Db, applicationId: string): Promise<ExposedPermission[]> {
  return db
    .selectFrom("application_permission")
    .selectAll()
    .where("application_id", "=", applicationId)
    .execute();
}

export async function addRequiredPermission(
  db: Db,
  applicationId: string,
  permission: { resourceAppId: string; permissionId: string; kind: "scope" | "role" },
): Promise<void> {
  await db
    .insertInto("application_required_permission")
    .values({
      application_id: applicationId,
      resource_app_id: permission.resourceAppId,
      permission_id: permission.permissionId,
      kind: permission.kind,
    })
    .execute();
}

export function requiredPermissions(db: Db, applicationId: string) {
  return db
    .selectFrom("application_required_permission as r")
    .innerJoin("application_permission as p", "p.id", "r.permission_id")
    .select(["r.resource_app_id", "p.id", "p.kind", "p.value"])
    .where("r.application_id", "=", applicationId)
    .execute();
}
