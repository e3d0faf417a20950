import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { findTotp } from "../factors/factor-queries";
import { type Passkey, passkeysOf } from "../factors/passkey-queries";
import { requireWorkAccount } from "../tenants/work-account-queries";
import { denied, notFound } from "./graph-error";
import { graphScope } from "./graph-handler";
import { context } from "./graph-shapes";
import { requirePermission } from "./graph-token";
import { objectIdParam } from "./odata-query";

/** The password method's id is the same for every user at Microsoft. */
const PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";
export const READ_OWN = {
  delegated: ["UserAuthenticationMethod.Read", "UserAuthenticationMethod.ReadWrite"],
  application: [],
};
export const READ_ALL = {
  delegated: ["UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All"],
  application: ["UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All"],
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const OATH_TYPE = "#microsoft.graph.softwareOathAuthenticationMethod";
const FIDO2_TYPE = "#microsoft.graph.fido2AuthenticationMethod";

/** The authenticator app's id: one app per account, so the account names it. */
export const softwareOathId = (account: Pick<Account, "id">) => `totp-${account.id}`;

/** A softwareOathAuthenticationMethod: its secret is never given out. */
export const softwareOathMethod = (account: Pick<Account, "id">) => ({
  id: softwareOathId(account),
  secretKey: null,
});

/** A fido2AuthenticationMethod: a passkey, attested "none", so no model nor certificates. */
export const fido2Method = (k: Passkey) => ({
  id: k.credential_id,
  displayName: k.name,
  createdDateTime: iso(Number(k.created_at)),
  aaGuid: null,
  model: null,
  attestationCertificates: [],
  attestationLevel: "notAttested",
});

/** authentication/methods as Graph lists them: the password, then an authenticator app (no secret), then passkeys. */
async function methodsOf(ctx: IdentityContext, account: Account) {
  const [totp, passkeys] = await Promise.all([findTotp(ctx.db, account.id), passkeysOf(ctx.db, account.id)]);
  return {
    "@odata.context": context(`users('${account.id}')/authentication/methods`),
    value: [
      {
        "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
        id: PASSWORD_METHOD_ID,
        password: null,
        createdDateTime: iso(account.password_changed_at),
      },
      ...(totp?.enabled_at ? [{ "@odata.type": OATH_TYPE, ...softwareOathMethod(account) }] : []),
      ...passkeys.map((k) => ({ "@odata.type": FIDO2_TYPE, ...fido2Method(k) })),
    ],
  };
}

/** GET /me/authentication/methods and /users/{id}/authentication/methods (administrators). */
export function registerAuthenticationMethodRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/v1.0/me/authentication/methods", async (request, _reply) => {
    const { caller, tenant } = graphScope(request);
    if (!caller.userId) throw denied();
    requirePermission(caller, { delegated: [...READ_OWN.delegated, ...READ_ALL.delegated], application: [] });
    return methodsOf(ctx, await requireWorkAccount(ctx.db, tenant.id, caller.userId));
  });

  api.get(
    "/v1.0/users/:id/authentication/methods",
    { schema: { params: objectIdParam } },
    async (request, _reply) => {
      const { caller, tenant } = graphScope(request);
      const id = decodeURIComponent(request.params.id).slice(0, 256);
      const user = await requireWorkAccount(ctx.db, tenant.id, id).catch(() => {
        throw notFound(id);
      });
      requirePermission(
        caller,
        user.id === caller.userId
          ? { ...READ_ALL, delegated: [...READ_OWN.delegated, ...READ_ALL.delegated] }
          : READ_ALL,
      );
      return methodsOf(ctx, user);
    },
  );
}
