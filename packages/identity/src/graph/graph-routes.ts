import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { IdentityContext } from "../context";
import { findGuest, guestsOfTenant } from "../guests/guest-queries";
import { assignedLicences, listSubscriptions } from "../licences/licence-queries";
import { roleCatalogue } from "../roles/role-catalogue";
import { rolesOf } from "../roles/role-queries";
import { listDomains } from "../tenants/tenant-operations";
import { listWorkAccounts, requireWorkAccount } from "../tenants/work-account-queries";
import { denied, notFound } from "./graph-error";
import { graphScope } from "./graph-handler";
import {
  context,
  graphLicenseDetails,
  graphOrganization,
  graphSubscribedSku,
  graphUser,
} from "./graph-shapes";
import { requirePermission } from "./graph-token";
import { objectIdParam, odataPage, odataQuery, parseODataQuery, selectFields } from "./odata-query";

const READ_USERS = {
  delegated: ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All"],
  application: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"],
};
const READ_ORG = {
  delegated: ["User.Read", "Organization.Read.All", "Directory.Read.All"],
  application: ["Organization.Read.All", "Directory.Read.All"],
};
const READ_SKUS = {
  delegated: ["Organization.Read.All", "Directory.Read.All"],
  application: ["Organization.Read.All", "Directory.Read.All"],
};
const USER_FILTERS = [
  "userPrincipalName",
  "displayName",
  "mail",
  "id",
  "jobTitle",
  "givenName",
  "surname",
  "userType",
  "externalUserState",
];

/** Microsoft Graph v1.0, the subset the portal and admins need (docs/product-rules.md#graph-subset). */
export function registerGraphRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/v1.0/me", { schema: { querystring: odataQuery } }, async (request, _reply) => {
    const { caller, tenant } = graphScope(request);
    if (!caller.userId) throw denied();
    requirePermission(caller, { delegated: ["User.Read", ...READ_USERS.delegated], application: [] });
    const me = await requireWorkAccount(ctx.db, tenant.id, caller.userId);
    const q = parseODataQuery(request.query, []);
    const guest = await findGuest(ctx.db, me.id);
    return {
      "@odata.context": context("users/$entity"),
      ...selectFields(graphUser(me, q.select, guest), q.select),
    };
  });

  api.get("/v1.0/users", { schema: { querystring: odataQuery } }, async (request, _reply) => {
    const { caller, tenant } = graphScope(request);
    requirePermission(caller, READ_USERS);
    const { query } = request;
    const q = parseODataQuery(query, USER_FILTERS);
    const [accounts, guests] = await Promise.all([
      listWorkAccounts(ctx.db, tenant.id),
      guestsOfTenant(ctx.db, tenant.id),
    ]);
    const users = accounts.map((a) => graphUser(a, q.select ?? ["*"], guests.get(a.id)));
    return odataPage(users, q, {
      context: context("users"),
      nextLinkBase: `${ctx.origin}/v1.0/users`,
      query,
    });
  });

  api.get(
    "/v1.0/users/:id",
    { schema: { params: objectIdParam, querystring: odataQuery } },
    async (request, _reply) => {
      const { caller, tenant } = graphScope(request);
      const id = decodeURIComponent(request.params.id).slice(0, 256);
      const user = await requireWorkAccount(ctx.db, tenant.id, id).catch(() => {
        throw notFound(id);
      });
      if (user.id !== caller.userId) requirePermission(caller, READ_USERS);
      const q = parseODataQuery(request.query, []);
      const guest = await findGuest(ctx.db, user.id);
      return {
        "@odata.context": context("users/$entity"),
        ...selectFields(graphUser(user, q.select, guest), q.select),
      };
    },
  );

  api.get(
    "/v1.0/users/:id/licenseDetails",
    { schema: { params: objectIdParam } },
    async (request, _reply) => {
      const { caller, tenant } = graphScope(request);
      const id = decodeURIComponent(request.params.id).slice(0, 256);
      const user = await requireWorkAccount(ctx.db, tenant.id, id).catch(() => {
        throw notFound(id);
      });
      if (user.id !== caller.userId) requirePermission(caller, READ_USERS);
      const value = (await assignedLicences(ctx.db, { accountId: user.id })).map(graphLicenseDetails);
      return { "@odata.context": context(`users('${user.id}')/licenseDetails`), value };
    },
  );

  api.get("/v1.0/me/memberOf", async (request, _reply) => {
    const { caller } = graphScope(request);
    if (!caller.userId) throw denied();
    requirePermission(caller, { delegated: ["User.Read", ...READ_USERS.delegated], application: [] });
    const held = await rolesOf(ctx.db, caller.userId);
    const value = roleCatalogue
      .filter((r) => held.includes(r.id))
      .map((r) => ({
        "@odata.type": "#microsoft.graph.directoryRole",
        id: r.id,
        deletedDateTime: null,
        description: null,
        displayName: r.displayName,
        roleTemplateId: r.id,
      }));
    return { "@odata.context": context("directoryObjects"), value };
  });

  api.get("/v1.0/organization", async (request, _reply) => {
    const { caller, tenant } = graphScope(request);
    requirePermission(caller, READ_ORG);
    const full = caller.userId
      ? caller.scopes.some((s) => s !== "User.Read" && READ_ORG.delegated.includes(s))
      : true;
    const [domains, subscriptions] = await Promise.all([
      listDomains(ctx.db, tenant.id),
      listSubscriptions(ctx.db, tenant.id),
    ]);
    return {
      "@odata.context": context("organization"),
      value: [graphOrganization(tenant, domains, subscriptions, full)],
    };
  });

  api.get("/v1.0/subscribedSkus", async (request, _reply) => {
    const { caller, tenant } = graphScope(request);
    requirePermission(caller, READ_SKUS);
    const value = (await listSubscriptions(ctx.db, tenant.id)).map((s) => graphSubscribedSku(tenant, s));
    return { "@odata.context": context("subscribedSkus"), value };
  });
}
