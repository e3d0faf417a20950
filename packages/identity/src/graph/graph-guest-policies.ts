import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { guestSettingsRow } from "../guests/guest-queries";
import { type FallbackIdp, type GuestSettings, settingsOf } from "../guests/guest-rules";
import { saveGuestSettings } from "../guests/guest-settings-operations";
import { ROLES } from "../roles/role-catalogue";
import { rolesOf } from "../roles/role-queries";
import { denied } from "./graph-error";
import { type GraphScope, graphScope } from "./graph-handler";
import { context } from "./graph-shapes";
import { requirePermission } from "./graph-token";

const both = (...names: string[]) => ({ delegated: names, application: names });
const READ = both(
  "Policy.Read.All",
  "Policy.ReadWrite.Authorization",
  "Policy.ReadWrite.AuthenticationMethod",
);
const WRITE_AUTHZ = both("Policy.ReadWrite.Authorization");
const WRITE_METHODS = both("Policy.ReadWrite.AuthenticationMethod");
const WRITE_XTAP = both("Policy.ReadWrite.CrossTenantAccess");

const EMAIL = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email";
const XTAP = "/v1.0/policies/crossTenantAccessPolicy/default";

/** Fallback orders as Graph names them (invitationRedemptionIdentityProviderConfiguration). */
const FALLBACKS: Record<string, readonly FallbackIdp[]> = {
  defaultConfiguredIdp: ["microsoftAccount", "emailOneTimePasscode"],
  emailOneTimePasscode: ["emailOneTimePasscode", "microsoftAccount"],
  microsoftAccount: ["microsoftAccount"],
};
const fallbackName = (order: readonly FallbackIdp[]) =>
  Object.entries(FALLBACKS).find(([, v]) => v.join() === order.join())?.[0] ?? "defaultConfiguredIdp";

/** Delegated writers are Global or Privileged Role Administrators, as for Microsoft's policies. */
async function writer(scope: GraphScope, ctx: IdentityContext, needs: typeof WRITE_AUTHZ): Promise<Actor> {
  requirePermission(scope.caller, needs);
  const { userId, clientId } = scope.caller;
  if (!userId) return { id: null, name: `application ${clientId}`, source: "graph" };
  const roles = await rolesOf(ctx.db, userId);
  if (!roles.includes(ROLES.globalAdministrator) && !roles.includes(ROLES.privilegedRoleAdministrator))
    throw denied();
  return { id: userId, name: userId, source: "graph" };
}

/** The external collaboration settings through Graph: the three policies that hold them at Microsoft. */
export function registerGraphGuestPolicies(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const current = (tenantId: string) => guestSettingsRow(ctx.db, tenantId).then(settingsOf);
  const update = async (scope: GraphScope, actor: Actor, change: Partial<GuestSettings>) =>
    saveGuestSettings(ctx, actor, scope.tenant.id, { ...(await current(scope.tenant.id)), ...change });

  api.get("/v1.0/policies/authorizationPolicy", async (request) => {
    const scope = graphScope(request);
    requirePermission(scope.caller, READ);
    const settings = await current(scope.tenant.id);
    return {
      "@odata.context": context("policies/authorizationPolicy/$entity"),
      id: "authorizationPolicy",
      displayName: "Authorization Policy",
      description: "Used to manage authorization related settings across the company.",
      allowInvitesFrom: settings.allowInvitesFrom,
    };
  });
  api.patch(
    "/v1.0/policies/authorizationPolicy",
    {
      config: { csrf: false },
      schema: {
        body: z.object({
          allowInvitesFrom: z.enum(["none", "adminsAndGuestInviters", "adminsGuestInvitersAndAllMembers"]),
        }),
      },
    },
    async (request, reply) => {
      const scope = graphScope(request);
      await update(scope, await writer(scope, ctx, WRITE_AUTHZ), request.body);
      return reply.code(204).send();
    },
  );

  api.get(EMAIL, async (request) => {
    const scope = graphScope(request);
    requirePermission(scope.caller, READ);
    const settings = await current(scope.tenant.id);
    return {
      "@odata.context": context(
        "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity",
      ),
      "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration",
      id: "Email",
      state: settings.emailOtpEnabled ? "enabled" : "disabled",
      allowExternalIdToUseEmailOtp: settings.emailOtpEnabled ? "enabled" : "disabled",
    };
  });
  api.patch(
    EMAIL,
    {
      config: { csrf: false },
      schema: {
        body: z
          .object({ allowExternalIdToUseEmailOtp: z.enum(["default", "enabled", "disabled"]) })
          .passthrough(),
      },
    },
    async (request, reply) => {
      const scope = graphScope(request);
      const actor = await writer(scope, ctx, WRITE_METHODS);
      await update(scope, actor, {
        emailOtpEnabled: request.body.allowExternalIdToUseEmailOtp !== "disabled",
      });
      return reply.code(204).send();
    },
  );

  api.get(XTAP, async (request) => {
    const scope = graphScope(request);
    requirePermission(scope.caller, both("Policy.Read.All", "Policy.ReadWrite.CrossTenantAccess"));
    const settings = await current(scope.tenant.id);
    return {
      "@odata.context": context("policies/crossTenantAccessPolicy/default/$entity"),
      isServiceDefault: settings.fallbackOrder.join() === FALLBACKS.defaultConfiguredIdp?.join(),
      invitationRedemptionIdentityProviderConfiguration: {
        primaryIdentityProviderPrecedenceOrder: [
          "azureActiveDirectory",
          "externalFederation",
          "socialIdentityProviders",
        ],
        fallbackIdentityProvider: fallbackName(settings.fallbackOrder),
      },
    };
  });
  api.patch(
    XTAP,
    {
      config: { csrf: false },
      schema: {
        body: z
          .object({
            invitationRedemptionIdentityProviderConfiguration: z
              .object({
                fallbackIdentityProvider: z.enum([
                  "defaultConfiguredIdp",
                  "emailOneTimePasscode",
                  "microsoftAccount",
                ]),
              })
              .passthrough(),
          })
          .passthrough(),
      },
    },
    async (request, reply) => {
      const scope = graphScope(request);
      const actor = await writer(scope, ctx, WRITE_XTAP);
      const name = request.body.invitationRedemptionIdentityProviderConfiguration.fallbackIdentityProvider;
      await update(scope, actor, { fallbackOrder: FALLBACKS[name] ?? [] });
      return reply.code(204).send();
    },
  );
}
