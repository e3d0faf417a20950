import type { FastifyInstance } from "fastify";
import type { IdentityContext } from "../context";
import { assignedLicences, listSubscriptions } from "../licences/licence-queries";
import { roleCatalogue } from "../roles/role-catalogue";
import { rolesOf } from "../roles/role-queries";
import { listDomains } from "../tenants/tenant-operations";
import { listWorkAccounts, requireWorkAccount } from "../tenants/work-account-queries";
import { denied, notFound } from "./graph-error";
import { graphHandler } from "./graph-handler";
import {
  context,
  GRAPH_ROOT,
  graphLicenseDetails,
  graphOrganization,
  graphSubscribedSku,
  graphUser,
} from "./graph-shapes";
import { requirePermission } from "./graph-token";
import { odataPage, parseODataQuery, selectFields } from "./odata-query";

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
const USER_FILTERS = ["userPrincipalName", "displayName", "mail", "id", "jobTitle", "givenName", "surname"];

/** Microsoft Graph v1.0, the subset the portal and admins need (PRODUCT.md 1.4). */
export function registerGraphRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get(
    "/v1.0/me",
    graphHandler(ctx, async (request, _reply, { caller, tenant }) => {
      if (!caller.userId) throw denied();
      requirePermission(caller, { delegated: ["User.Read", ...READ_USERS.delegated], application: [] });
      const me = await requireWorkAccount(ctx.db, tenant.id, caller.userId);
      const q = parseODataQuery(request.query as Record<string, unknown>, []);
      return {
        "@odata.context": context("users/$entity"),
        ...selectFields(graphUser(me, q.select), q.select),
      };
    }),
  );

  app.get(
    "/v1.0/users",
    graphHandler(ctx, async (request, _reply, { caller, tenant }) => {
      requirePermission(caller, READ_USERS);
      const query = request.query as Record<string, unknown>;
      const q = parseODataQuery(query, USER_FILTERS);
      const users = (await listWorkAccounts(ctx.db, tenant.id)).map((a) => graphUser(a, q.select ?? ["*"]));
      return odataPage(users, q, { context: context("users"), nextLinkBase: `${GRAPH_ROOT}/users`, query });
    }),
  );

  app.get<{ Params: { id: string } }>(
    "/v1.0/users/:id",
    graphHandler(ctx, async (request, _reply, { caller, tenant }) => {
      const id = decodeURIComponent(String((request.params as { id: string }).id)).slice(0, 256);
      const user = await requireWorkAccount(ctx.db, tenant.id, id).catch(() => {
        throw notFound(id);
      });
      if (user.id !== caller.userId) requirePermission(caller, READ_USERS);
      const q = parseODataQuery(request.query as Record<string, unknown>, []);
      return {
        "@odata.context": context("users/$entity"),
        ...selectFields(graphUser(user, q.select), q.select),
      };
    }),
  );

  app.get<{ Params: { id: string } }>(
    "/v1.0/users/:id/licenseDetails",
    graphHandler(ctx, async (request, _reply, { caller, tenant }) => {
      const id = decodeURIComponent(String((request.params as { id: string }).id)).slice(0, 256);
      const user = await requireWorkAccount(ctx.db, tenant.id, id).catch(() => {
        throw notFound(id);
      });
      if (user.id !== caller.userId) requirePermission(caller, READ_USERS);
      const value = (await assignedLicences(ctx.db, { accountId: user.id })).map(graphLicenseDetails);
      return { "@odata.context": context(`users('${user.id}')/licenseDetails`), value };
    }),
  );

  app.get(
    "/v1.0/me/memberOf",
    graphHandler(ctx, async (_request, _reply, { caller }) => {
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
    }),
  );

  app.get(
    "/v1.0/organization",
    graphHandler(ctx, async (_request, _reply, { caller, tenant }) => {
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
    }),
  );

  app.get(
    "/v1.0/subscribedSkus",
    graphHandler(ctx, async (_request, _reply, { caller, tenant }) => {
      requirePermission(caller, READ_SKUS);
      const value = (await listSubscriptions(ctx.db, tenant.id)).map((s) => graphSubscribedSku(tenant, s));
      return { "@odata.context": context("subscribedSkus"), value };
    }),
  );
}
