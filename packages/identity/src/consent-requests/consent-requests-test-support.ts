import type { LightMyRequestResponse } from "fastify";
import { findAccountByEmail } from "../accounts/account-queries";
import { GRAPH_APP_ID } from "../apps/graph-app";
import type { IdentityContext } from "../context";
import { keyEncryptionKey } from "../keys/key-encryption";
import { TokenSigner } from "../keys/token-signer";
import { appAccessClaims, userAccessClaims } from "../oauth/token-claims";
import type { IdentityHarness } from "../testing/identity-harness";

/** Graph access tokens for the demo tenant, signed with identity's own keys, and a caller. */
export function graphCaller(h: IdentityHarness, tenantId: string) {
  const signer = new TokenSigner(h.identity.ctx.db, keyEncryptionKey(h.identity.ctx.config));
  const origin = h.identity.ctx.origin;
  const CLIENT = "ff28182b-b927-4697-9f0e-3d38e40971a8";
  return {
    app: (roles: string[]) =>
      signer.sign(
        appAccessClaims({
          version: "1",
          origin,
          tid: tenantId,
          clientId: CLIENT,
          clientObjectId: "5f3c0a43-0000-4000-8000-000000000002",
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: "https://graph.microsoft.com",
          roles,
        }),
      ),
    user: async (email: string, scp: string) => {
      const a = await findAccountByEmail(h.identity.ctx.db, email);
      if (!a) throw new Error(`no account ${email}`);
      return signer.sign(
        userAccessClaims({
          version: "1",
          origin,
          user: { oid: a.id, tid: a.tenant_id, email: a.email, name: a.display_name, kind: "work" },
          clientId: CLIENT,
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: "https://graph.microsoft.com",
          scp,
          sid: "sid",
          sub: "sub",
        }),
      );
    },
    async call(method: "GET" | "PUT" | "PATCH", url: string, token: string, payload?: unknown) {
      const response = await h.app.inject({
        method,
        url,
        headers: { accept: "application/json", authorization: `Bearer ${token}` },
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
      return { status: response.statusCode, body: response.body ? response.json() : undefined };
    },
  };
}

/** The fields of the "Request approval" form on a Need admin approval page. */
export function requestForm(page: LightMyRequestResponse, reason: string): Record<string, string> {
  const field = (name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(page.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
  return {
    client_id: field("client_id"),
    resource: field("resource"),
    scopes: field("scopes"),
    account: field("account"),
    reason,
  };
}

/** The mails delivered to `to` whose subject matches, once at least one has arrived. */
export async function mailsMatching(ctx: IdentityContext, to: string, subject: RegExp) {
  for (let i = 0; ; i++) {
    ctx.mailQueued();
    const found = (
      await ctx.db.selectFrom("mailbox_message").selectAll().where("to_address", "=", to).execute()
    ).filter((m) => subject.test(m.subject));
    if (found.length > 0 || i >= 100) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
