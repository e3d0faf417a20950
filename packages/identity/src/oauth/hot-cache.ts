import type { Kysely } from "kysely";
import { type Application, clientSecrets, findApplication } from "../apps/app-queries";
import { grantedAppRoles } from "../consent/consent-queries";
import type { IdentityDB } from "../storage/schema";
import { type Authority, resolveAuthority } from "./authority";
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
 * (whose directory replicates with delay): a removed secret, app role or tenant keeps working on an
 * instance for up to 5 seconds. Grants and codes (single use) are never cached.
 */
export class HotCache {
  private readonly authorities = new TtlCache<Authority>();
  private readonly clients = new TtlCache<CachedClient>();
  private readonly scopes = new TtlCache<ScopeRequest>();
  private readonly roles = new TtlCache<string[]>();

  constructor(private readonly db: Kysely<IdentityDB>) {}

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

  appRoles(input: { clientAppId: string; resourceAppId: string; tenantId: string }): Promise<string[]> {
    return this.roles.get(`${input.clientAppId} ${input.resourceAppId} ${input.tenantId}`, () =>
      grantedAppRoles(this.db, input),
    );
  }
}
