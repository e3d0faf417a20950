/**
 * oidc-provider's storage for the code benchmark: in memory like its development adapter, but
 * without that adapter's 1,000-entry LRU. At a quiet machine's rates the LRU evicted the refresh
 * tokens the workers still held (a warm-up flows round writes thousands of codes, access and
 * refresh tokens), and their next redemption failed with `invalid_grant` "grant request is
 * invalid", which is oidc-provider's "not found". identity keeps every token until it expires or
 * is used, so this store does the same: an entry leaves only by expiry, `destroy` or
 * `revokeByGrantId`. The grant index is a set per grant (O(1) per token), as a
 * Redis or SQL adapter would keep it, instead of the development adapter's map copied per write.
 */
interface Entry {
  readonly payload: Record<string, unknown>;
  readonly expiresAt: number;
}

/** The models oidc-provider revokes by grant (`revokeByGrantId`), as its development adapter lists them. */
export const GRANTABLE_MODELS: ReadonlySet<string> = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "PreAuthorizedCode",
]);

const entries = new Map<string, Entry>();
const byGrant = new Map<string, Set<string>>();
const byUid = new Map<string, string>();
const byUserCode = new Map<string, string>();

function live(key: string): Record<string, unknown> | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt <= Date.now()) {
    entries.delete(key);
    return undefined;
  }
  return entry.payload;
}

export class UnboundedMemoryAdapter {
  constructor(private readonly model: string) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
    entries.set(key, { payload, expiresAt });
    const { grantId, uid, userCode } = payload;
    if (GRANTABLE_MODELS.has(this.model) && typeof grantId === "string") {
      const members = byGrant.get(grantId) ?? new Set<string>();
      members.add(key);
      byGrant.set(grantId, members);
    }
    if (this.model === "Session" && typeof uid === "string") byUid.set(uid, id);
    if (typeof userCode === "string") byUserCode.set(userCode, id);
  }

  async find(id: string): Promise<Record<string, unknown> | undefined> {
    return live(this.key(id));
  }

  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    const id = byUid.get(uid);
    return id === undefined ? undefined : live(this.key(id));
  }

  async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
    const id = byUserCode.get(userCode);
    return id === undefined ? undefined : live(this.key(id));
  }

  async consume(id: string): Promise<void> {
    const payload = live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    const key = this.key(id);
    const payload = entries.get(key)?.payload;
    entries.delete(key);
    if (typeof payload?.grantId === "string") byGrant.get(payload.grantId)?.delete(key);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
    byGrant.delete(grantId);
  }
}
