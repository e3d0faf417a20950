import type { TestTarget } from "@sesame/kit/db/test-databases";
import type { Account } from "../accounts/account-queries";
import { seedOrganization } from "../demo/organization-seed";
import { GRAPH_APP_ID } from "../graph/graph-token";
import { keyEncryptionKey } from "../keys/key-encryption";
import { TokenSigner } from "../keys/token-signer";
import { appAccessClaims, userAccessClaims } from "../oauth/token-claims";
import { fastArgon2 } from "../tenants/directory-test-support";
import { startTestIdentity } from "../testing/identity-harness";

const CLIENT = "0e9c5b57-1d2b-4c1f-9a5e-6c1f0a3b7d21";

/** A firm's tenant with a Global Administrator, a Guest Inviter and a plain member; Graph tokens for them. */
/** A firm's tenant with a Global Administrator, a Guest Inviter and a plain member; Graph tokens for them. */
export type GuestWorld = Awaited<ReturnType<typeof startGuestWorld>>;

export async function startGuestWorld(target: TestTarget) {
  const h = await startTestIdentity(target, { env: fastArgon2 });
  const firm = await seedOrganization(h.identity.ctx, {
    displayName: "Cabinet Dupont",
    country: "FR",
    prefix: "cabinetdupont",
    customDomain: "cabinet-dupont.fr",
    users: [
      {
        userName: "ga",
        displayName: "Gaëlle Admin",
        password: "Ga-Secret-1234",
        roles: ["globalAdministrator"],
      },
      {
        userName: "inviter",
        displayName: "Inès Inviter",
        password: "In-Secret-1234",
        roles: ["guestInviter"],
      },
      { userName: "plain", displayName: "Paul Plain", password: "Plain-Secret-1234" },
    ],
  });
  const ctx = h.identity.ctx;
  const signer = new TokenSigner(ctx.db, keyEncryptionKey(ctx.config));
  return {
    h,
    firm,
    appToken: (roles: readonly string[]) =>
      signer.sign(
        appAccessClaims({
          version: "1",
          origin: ctx.origin,
          tid: firm.tenant.id,
          clientId: CLIENT,
          clientObjectId: "5f3c0a43-0000-4000-8000-000000000002",
          clientAuth: "1",
          resourceAppId: GRAPH_APP_ID,
          resourceRequested: "https://graph.microsoft.com",
          roles: [...roles],
        }),
      ),
    userToken: (who: "ga" | "inviter" | "plain", scp: string) => {
      const a = firm.users.get(who) as Account;
      return signer.sign(
        userAccessClaims({
          version: "1",
          origin: ctx.origin,
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
    graph: async (method: "GET" | "POST" | "PATCH", url: string, token: string, payload?: unknown) => {
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
