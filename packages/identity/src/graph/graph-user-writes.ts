import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { createUser, updateUser } from "../directory/user-operations";
import { ROLES } from "../roles/role-catalogue";
import { rolesOf } from "../roles/role-queries";
import { requireWorkAccount } from "../tenants/work-account-queries";
import { badRequest, denied, notFound } from "./graph-error";
import { type GraphScope, graphScope } from "./graph-handler";
import { context, graphUser } from "./graph-shapes";
import { requirePermission } from "./graph-token";
import { objectIdParam } from "./odata-query";

const WRITE_USERS = {
  delegated: ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  application: ["User.ReadWrite.All", "Directory.ReadWrite.All"],
};

const passwordProfile = z.object({
  password: z.string().min(1).max(256),
  forceChangePasswordNextSignIn: z.boolean().default(true),
});
const newUser = z.object({
  accountEnabled: z.boolean(),
  displayName: z.string().min(1).max(256),
  mailNickname: z.string().min(1).max(64),
  userPrincipalName: z.string().min(3).max(254),
  passwordProfile,
  jobTitle: z.string().max(128).nullish(),
  usageLocation: z.string().length(2).nullish(),
});
const userPatch = z
  .object({
    accountEnabled: z.boolean(),
    displayName: z.string().min(1).max(256),
    jobTitle: z.string().max(128).nullable(),
    usageLocation: z.string().length(2).nullable(),
    passwordProfile,
  })
  .partial()
  .strict();

/**
 * POST and PATCH users: the caller needs User.ReadWrite.All and, when acting as a user, the User
 * Administrator or Global Administrator role (Microsoft's rule for delegated writes).
 */
async function mayWrite(scope: GraphScope, ctx: IdentityContext): Promise<Actor> {
  requirePermission(scope.caller, WRITE_USERS);
  const { userId, clientId } = scope.caller;
  if (!userId) return { id: null, name: `application ${clientId}`, source: "graph" };
  const roles = await rolesOf(ctx.db, userId);
  if (!roles.includes(ROLES.globalAdministrator) && !roles.includes(ROLES.userAdministrator)) throw denied();
  return { id: userId, name: userId, source: "graph" };
}

export function registerGraphUserWrites(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post("/v1.0/users", { config: { csrf: false }, schema: { body: newUser } }, async (request, reply) => {
    const scope = graphScope(request);
    const actor = await mayWrite(scope, ctx);
    const { body } = request;
    const [userName = "", domain = "", ...extra] = body.userPrincipalName.split("@");
    if (extra.length) throw badRequest("userPrincipalName: must be name@domain");
    const { account } = await createUser(ctx, actor, {
      tenant: scope.tenant,
      userName,
      domain,
      displayName: body.displayName,
      jobTitle: body.jobTitle ?? null,
      usageLocation: body.usageLocation ?? null,
      password: body.passwordProfile.password,
      mustChangePassword: body.passwordProfile.forceChangePasswordNextSignIn,
      enabled: body.accountEnabled,
      detail: { via: "graph" },
    });
    return reply.code(201).send({ "@odata.context": context("users/$entity"), ...graphUser(account, ["*"]) });
  });

  api.patch(
    "/v1.0/users/:id",
    { config: { csrf: false }, schema: { params: objectIdParam, body: userPatch } },
    async (request, reply) => {
      const scope = graphScope(request);
      const actor = await mayWrite(scope, ctx);
      const id = decodeURIComponent(request.params.id).slice(0, 256);
      const user = await requireWorkAccount(ctx.db, scope.tenant.id, id).catch(() => {
        throw notFound(id);
      });
      await updateUser(ctx, actor, user, request.body);
      return reply.code(204).send();
    },
  );
}
