import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { findTotp } from "../factors/factor-queries";
import { passkeysOf } from "../factors/passkey-queries";
import { requireWorkAccount } from "../tenants/work-account-queries";
import { denied, notFound } from "./graph-error";
import { graphScope } from "./graph-handler";
import { context } from "./graph-shapes";
import { requirePermission } from "./graph-token";
import { objectIdParam } from "./odata-query";

/** The password method's id is the same for every user at Microsoft. */
const PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";
const READ_OWN = {
  delegated: ["UserAuthenticationMethod.Read", "UserAuthenticationMethod.ReadWrite"],
  application: [],
};
const READ_ALL = {
  delegated: ["UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All"],
  application: ["UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All"],
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

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
      ...(totp?.enabled_at
        ? [
            {
              "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod",
              id: `totp-${account.id}`,
              secretKey: null,
            },
          ]
        : []),
      ...passkeys.map((k) => ({
        "@odata.type": "#microsoft.graph.fido2AuthenticationMethod",
        id: k.credential_id,
        displayName: k.name,
        createdDateTime: iso(Number(k.created_at)),
        aaGuid: null,
        model: null,
        attestationCertificates: [],
        attestationLevel: "notAttested",
      })),
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
