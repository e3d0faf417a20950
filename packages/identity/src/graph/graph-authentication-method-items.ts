import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { findTotp } from "../factors/factor-queries";
import { findPasskey } from "../factors/passkey-queries";
import { removeAccountPasskey } from "../passkeys/passkey-operations";
import { removeAuthenticatorApp } from "../passkeys/totp-removal";
import { mayChange, mayManageAccount } from "../roles/admin-rights";
import { rolesOf } from "../roles/role-queries";
import { requireWorkAccount } from "../tenants/work-account-queries";
import {
  fido2Method,
  READ_ALL,
  READ_OWN,
  softwareOathId,
  softwareOathMethod,
} from "./graph-authentication-methods";
import { denied, GraphError, notFound } from "./graph-error";
import { graphScope } from "./graph-handler";
import { context } from "./graph-shapes";
import { requirePermission } from "./graph-token";

/** Microsoft's permission tables for deleting a fido2 or softwareOath method: own, then others'. */
const WRITE_OWN = ["UserAuthenticationMethod.ReadWrite", "UserAuthenticationMethod.ReadWrite.All"];
const WRITE_ALL = {
  delegated: ["UserAuthenticationMethod.ReadWrite.All"],
  application: ["UserAuthenticationMethod.ReadWrite.All"],
};

/**
 * The account page's rule (mfa-rules.ts `lastFactorOfAdministrator`) said the Graph way. Microsoft
 * documents no answer for this case, so the code and text are ours: 400, Graph's status for a
 * request it will not carry out as sent (concepts/errors.md), with the code of our other 400s.
 */
const lastFactorRefused = () =>
  new GraphError(
    400,
    "Request_BadRequest",
    "The last authentication method of an administrator cannot be removed while the organization requires multifactor authentication.",
  );

type Access = "read" | "write";
interface Target {
  readonly user: Account;
  readonly actor: Actor;
}

/**
 * The user whose method is asked for, and who acts. On another user, a signed-in caller also needs
 * a role that manages that user, as the admin centre asks (Microsoft: an authentication
 * administrator role; here the users area's roles); an application needs only its permission.
 */
async function targetOf(
  ctx: IdentityContext,
  request: FastifyRequest,
  access: Access,
  userId: string | undefined,
): Promise<Target> {
  const { caller, tenant } = graphScope(request);
  if (userId === undefined && !caller.userId) throw denied();
  const id = userId ?? caller.userId ?? "";
  const user = await requireWorkAccount(ctx.db, tenant.id, id).catch(() => {
    throw notFound(id);
  });
  const self = { id: user.id, name: user.email, source: "graph" };
  if (user.id === caller.userId) {
    const own = access === "read" ? [...READ_OWN.delegated, ...READ_ALL.delegated] : WRITE_OWN;
    requirePermission(caller, { delegated: own, application: [] });
    return { user, actor: self };
  }
  requirePermission(caller, access === "read" ? READ_ALL : WRITE_ALL);
  if (!caller.userId)
    return { user, actor: { id: null, name: `application ${caller.clientId}`, source: "graph" } };
  if (access === "write") {
    const roles = await rolesOf(ctx.db, caller.userId);
    if (!mayChange(roles, "users") || !mayManageAccount(roles, await rolesOf(ctx.db, user.id)))
      throw denied();
  }
  return { user, actor: { id: caller.userId, name: caller.userId, source: "graph" } };
}

const meParams = z.object({ methodId: z.string().max(1024) });
const userParams = meParams.extend({ id: z.string().max(1024) });
const decoded = (value: string) => decodeURIComponent(value).slice(0, 1024);

/** One passkey of the user, or 404 (another user's is unknown here, as at Graph). */
async function passkeyOf(ctx: IdentityContext, user: Account, methodId: string) {
  const key = await findPasskey(ctx.db, methodId);
  if (key?.account_id !== user.id) throw notFound(methodId);
  return key;
}

/** The user's enabled authenticator app under its id, or 404. */
async function requireApp(ctx: IdentityContext, user: Account, methodId: string): Promise<void> {
  if (methodId !== softwareOathId(user) || !(await findTotp(ctx.db, user.id))?.enabled_at)
    throw notFound(methodId);
}

const handlers = {
  fido2Methods: {
    get: async (ctx: IdentityContext, { user }: Target, methodId: string) => ({
      "@odata.context": context(`users('${user.id}')/authentication/fido2Methods/$entity`),
      ...fido2Method(await passkeyOf(ctx, user, methodId)),
    }),
    remove: async (ctx: IdentityContext, { user, actor }: Target, methodId: string) => {
      const outcome = await removeAccountPasskey(ctx, actor, user, methodId);
      if (outcome === "none") throw notFound(methodId);
      if (outcome === "last-administrator-factor") throw lastFactorRefused();
    },
  },
  softwareOathMethods: {
    get: async (ctx: IdentityContext, { user }: Target, methodId: string) => {
      await requireApp(ctx, user, methodId);
      return {
        "@odata.context": context(`users('${user.id}')/authentication/softwareOathMethods/$entity`),
        ...softwareOathMethod(user),
      };
    },
    remove: async (ctx: IdentityContext, { user, actor }: Target, methodId: string) => {
      await requireApp(ctx, user, methodId);
      if (!(await removeAuthenticatorApp(ctx, actor, user))) throw lastFactorRefused();
    },
  },
};

/**
 * GET and DELETE of one fido2 (passkey) or softwareOath (authenticator app) method, on /me and on
 * /users/{id}. A deletion is the account page's: same refusal, audit entry and security mail.
 */
export function registerAuthenticationMethodItemRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const [kind, handler] of Object.entries(handlers)) {
    api.get(`/v1.0/me/authentication/${kind}/:methodId`, { schema: { params: meParams } }, async (request) =>
      handler.get(ctx, await targetOf(ctx, request, "read", undefined), decoded(request.params.methodId)),
    );
    api.get(
      `/v1.0/users/:id/authentication/${kind}/:methodId`,
      { schema: { params: userParams } },
      async (request) =>
        handler.get(
          ctx,
          await targetOf(ctx, request, "read", decoded(request.params.id)),
          decoded(request.params.methodId),
        ),
    );
    api.delete(
      `/v1.0/me/authentication/${kind}/:methodId`,
      { config: { csrf: false }, schema: { params: meParams } },
      async (request, reply) => {
        await handler.remove(
          ctx,
          await targetOf(ctx, request, "write", undefined),
          decoded(request.params.methodId),
        );
        return reply.code(204).send();
      },
    );
    api.delete(
      `/v1.0/users/:id/authentication/${kind}/:methodId`,
      { config: { csrf: false }, schema: { params: userParams } },
      async (request, reply) => {
        const target = await targetOf(ctx, request, "write", decoded(request.params.id));
        await handler.remove(ctx, target, decoded(request.params.methodId));
        return reply.code(204).send();
      },
    );
  }
}
