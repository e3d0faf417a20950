import { preparedQuery } from "@sesame/kit/db/prepared-query";
import type { Kysely } from "kysely";
import { type Application, clientSecrets, findApplication } from "../apps/app-queries";
import { type Authority, resolveAuthority } from "../protocol/authority";
import type { IdentityDB } from "../storage/schema";
import { resolveScopeRequest, type ScopeRequest } from "./scopes";

/** How long a looked-up registration is reused: the same few seconds the signing key is. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load();
    this.entries.set(key, { value, until: now + TTL_MS });
    // Failures (unknown tenant, unknown client) are not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

export interface CachedClient {
  readonly app: Application | undefined;
  readonly secrets: readonly { secret_hash: string; expires_at: number }[];
}

/**
 * Read-mostly lookups of the token endpoint, kept a few seconds per instance so a client-credentials
 * request costs no database round trip in the steady state (bench goal). Consequence, as at Entra
 * (whose directory replicates with delay): a removed secret or tenant keeps working on an instance
 * for up to 5 seconds. Grants, app role assignments and codes are never cached: a revocation in the
 * admin centre takes effect at the next token request (one indexed read of app_role_assignment).
 */
export class HotCache {
  private readonly authorities = new TtlCache<Authority>();
  private readonly clients = new TtlCache<CachedClient>();
  private readonly scopes = new TtlCache<ScopeRequest>();
  private readonly roleValues = new TtlCache<Map<string, string>>();
  private readonly assignedRoles: (values: {
    clientAppId: string;
    tenantId: string;
    resourceAppId: string;
  }) => Promise<{ app_role_id: string }[]>;

  constructor(private readonly db: Kysely<IdentityDB>) {
    this.assignedRoles = preparedQuery(db, (param) =>
      db
        .selectFrom("app_role_assignment")
        .select("app_role_id")
        .where("client_app_id", "=", param("clientAppId"))
        .where("tenant_id", "=", param("tenantId"))
        .where("resource_app_id", "=", param("resourceAppId")),
    );
  }

  authority(raw: string): Promise<Authority> {
    return this.authorities.get(raw.toLowerCase(), () => resolveAuthority(this.db, raw));
  }

  client(clientId: string): Promise<CachedClient> {
    return this.clients.get(clientId.toLowerCase(), async () => {
      const app = await findApplication(this.db, clientId);
      return { app, secrets: app ? await clientSecrets(this.db, app.id) : [] };
    });
  }

  scopeRequest(raw: string, tenant: string): Promise<ScopeRequest> {
    return this.scopes.get(`${tenant} ${raw}`, () => resolveScopeRequest(this.db, raw, tenant));
  }

  /** App roles assigned to a client in a tenant, by value: assignments read every time, role names cached. */
  async appRoles(input: { clientAppId: string; resourceAppId: string; tenantId: string }): Promise<string[]> {
    const assigned = await this.assignedRoles(input);
    if (assigned.length === 0) return [];
    const names = await this.roleValues.get(input.resourceAppId, async () => {
      const rows = await this.db
        .selectFrom("application_permission as p")
        .innerJoin("application as r", "r.id", "p.application_id")
        .select(["p.id", "p.value"])
        .where("r.app_id", "=", input.resourceAppId)
        .where("p.kind", "=", "role")
        .execute();
      return new Map(rows.map((r) => [r.id, r.value]));
    });
    return assigned.flatMap((a) => {
      const value = names.get(a.app_role_id);
      return value ? [value] : [];
    });
  }
}
