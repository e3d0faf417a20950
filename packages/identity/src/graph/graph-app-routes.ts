import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { redirectUrisByKind } from "../apps/app-queries";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { graphScope } from "./graph-handler";
import { context } from "./graph-shapes";
import { requirePermission } from "./graph-token";
import { odataPage, odataQuery, parseODataQuery } from "./odata-query";

const READ_APPS = {
  delegated: ["Application.Read.All", "Directory.Read.All"],
  application: ["Application.Read.All", "Directory.Read.All"],
};

/**
 * Service principals: applications registered in the tenant, and applications of other tenants
 * holding a grant in it. Sésame keeps no separate service-principal row, so a service principal's
 * id is its application's object id.
 */
async function servicePrincipals(db: Kysely<IdentityDB>, tenantId: string) {
  const granted = db
    .selectFrom("oauth2_permission_grant")
    .select("client_app_id")
    .where("tenant_id", "=", tenantId)
    .union(db.selectFrom("app_role_assignment").select("client_app_id").where("tenant_id", "=", tenantId));
  return db
    .selectFrom("application")
    .selectAll()
    .where((eb) => eb.or([eb("tenant_id", "=", tenantId), eb("app_id", "in", granted)]))
    .orderBy("display_name")
    .execute();
}

export function registerGraphAppRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/v1.0/applications", { schema: { querystring: odataQuery } }, async (request, _reply) => {
    const { caller, tenant } = graphScope(request);
    requirePermission(caller, READ_APPS);
    const { query } = request;
    const q = parseODataQuery(query, ["appId", "displayName"]);
    const rows = await ctx.db
      .selectFrom("application")
      .selectAll()
      .where("tenant_id", "=", tenant.id)
      .orderBy("display_name")
      .execute();
    const uris = await redirectUrisByKind(
      ctx.db,
      rows.map((a) => a.id),
    );
    const value = rows.map((a) => ({
      id: a.id,
      appId: a.app_id,
      displayName: a.display_name,
      signInAudience: a.sign_in_audience,
      identifierUris: a.identifier_uri ? [a.identifier_uri] : [],
      publisherDomain: null,
      createdDateTime: new Date(Number(a.created_at)).toISOString(),
      web: { redirectUris: uris.get(a.id)?.web ?? [] },
      spa: { redirectUris: uris.get(a.id)?.spa ?? [] },
      publicClient: { redirectUris: uris.get(a.id)?.publicClient ?? [] },
    }));
    return odataPage(value, q, {
      context: context("applications"),
      nextLinkBase: `${ctx.origin}/v1.0/applications`,
      query,
    });
  });

  api.get("/v1.0/servicePrincipals", { schema: { querystring: odataQuery } }, async (request, _reply) => {
    const { caller, tenant } = graphScope(request);
    requirePermission(caller, READ_APPS);
    const { query } = request;
    const q = parseODataQuery(query, ["appId", "displayName"]);
    const value = (await servicePrincipals(ctx.db, tenant.id)).map((a) => ({
      id: a.id,
      appId: a.app_id,
      displayName: a.display_name,
      appDisplayName: a.display_name,
      appOwnerOrganizationId: a.tenant_id,
      servicePrincipalType: "Application",
      accountEnabled: true,
    }));
    return odataPage(value, q, {
      context: context("servicePrincipals"),
      nextLinkBase: `${ctx.origin}/v1.0/servicePrincipals`,
      query,
    });
  });

  api.get(
    "/v1.0/oauth2PermissionGrants",
    { schema: { querystring: odataQuery } },
    async (request, _reply) => {
      const { caller, tenant } = graphScope(request);
      requirePermission(caller, READ_APPS);
      const { query } = request;
      const q = parseODataQuery(query, ["clientId", "consentType", "principalId", "resourceId"]);
      const rows = await ctx.db
        .selectFrom("oauth2_permission_grant as g")
        .leftJoin("application as c", "c.app_id", "g.client_app_id")
        .leftJoin("application as r", "r.app_id", "g.resource_app_id")
        .select([
          "g.id",
          "g.consent_type",
          "g.principal_id",
          "g.scope",
          "c.id as client_id",
          "r.id as resource_id",
        ])
        .where("g.tenant_id", "=", tenant.id)
        .execute();
      const value = rows.map((g) => ({
        clientId: g.client_id,
        consentType: g.consent_type,
        id: g.id,
        principalId: g.principal_id,
        resourceId: g.resource_id,
        scope: g.scope,
      }));
      return odataPage(value, q, {
        context: context("oauth2PermissionGrants"),
        nextLinkBase: `${ctx.origin}/v1.0/oauth2PermissionGrants`,
        query,
      });
    },
  );
}
