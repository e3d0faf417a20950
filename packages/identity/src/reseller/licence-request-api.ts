import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import type { LicenceRequestTable } from "./reseller-tables";

/** The caller a bearer token proves: a client application acting for its tenant (client credentials). */
export interface ApiCaller {
  readonly appId: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
}

/** Checks `Authorization: Bearer …` (audience, signature, expiry); undefined when invalid. */
export type BearerVerifier = (token: string) => Promise<ApiCaller | undefined>;

/** The app role a client needs (application permission on identity's reseller API). */
export const LICENCE_REQUEST_ROLE = "LicenceRequests.ReadWrite";

export const licenceRequestBody = z.object({
  customerName: z.string().trim().min(1).max(256),
  contactEmail: z.string().trim().email().max(254),
  customerTenantId: z.string().uuid().optional(),
  skuPartNumber: z.string().trim().min(1).max(64),
  quantity: z.number().int().min(1).max(10_000),
  note: z.string().max(2000).optional(),
});

export const licenceRequestView = z.object({
  id: z.string(),
  status: z.enum(["received", "fulfilled", "declined"]),
  customerName: z.string(),
  customerTenantId: z.string().nullable(),
  skuPartNumber: z.string(),
  quantity: z.number(),
  note: z.string().nullable(),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
});

const view = (r: Selectable<LicenceRequestTable>): z.infer<typeof licenceRequestView> => ({
  id: r.id,
  status: r.status,
  customerName: r.customer_name,
  customerTenantId: r.customer_tenant_id,
  skuPartNumber: r.sku_part_number,
  quantity: Number(r.quantity),
  note: r.note,
  createdDateTime: new Date(Number(r.created_at)).toISOString(),
  lastModifiedDateTime: new Date(Number(r.updated_at)).toISOString(),
});

const apiError = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).send({ error: { code, message } });

/** The reseller that supplies the caller's tenant (the firm's licence supplier). */
async function resellerFor(db: Kysely<IdentityDB>, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("reseller_customer")
    .select("reseller_tenant_id")
    .where("customer_tenant_id", "=", tenantId)
    .executeTakeFirst();
  return row?.reseller_tenant_id;
}

/**
 * `POST /reseller/api/licence-requests` and `GET /reseller/api/licence-requests/{id}`: JSON, bearer
 * token of a client holding the LicenceRequests.ReadWrite app role; the request goes to the reseller
 * of the caller's tenant. The verifier (reseller-api-app.ts) accepts identity's tokens for the
 * reseller API (`api://sesame-reseller`).
 */
export function registerLicenceRequestApi(
  app: FastifyInstance,
  ctx: IdentityContext,
  verify: BearerVerifier,
): void {
  async function caller(request: FastifyRequest, reply: FastifyReply): Promise<ApiCaller | undefined> {
    const header = request.headers.authorization ?? "";
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const found = token ? await verify(token) : undefined;
    if (!found) {
      reply.header("www-authenticate", 'Bearer error="invalid_token"');
      apiError(reply, 401, "InvalidAuthenticationToken", "Access token is missing or invalid.");
      return undefined;
    }
    if (!found.roles.includes(LICENCE_REQUEST_ROLE)) {
      apiError(
        reply,
        403,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
      );
      return undefined;
    }
    return found;
  }

  app.post("/reseller/api/licence-requests", { config: { csrf: false } }, async (request, reply) => {
    const who = await caller(request, reply);
    if (!who) return reply;
    const parsed = licenceRequestBody.safeParse(request.body);
    if (!parsed.success)
      return apiError(
        reply,
        400,
        "Request_BadRequest",
        parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    const resellerId = await resellerFor(ctx.db, who.tenantId);
    if (!resellerId) return apiError(reply, 409, "NoReseller", "The calling organization has no reseller.");
    const sku = await ctx.db
      .selectFrom("sku")
      .select("part_number")
      .where("part_number", "=", parsed.data.skuPartNumber.toUpperCase())
      .executeTakeFirst();
    if (!sku)
      return apiError(
        reply,
        400,
        "Request_BadRequest",
        `skuPartNumber: unknown product ${parsed.data.skuPartNumber}`,
      );
    const now = Date.now();
    const row: Selectable<LicenceRequestTable> = {
      id: randomUUID(),
      reseller_tenant_id: resellerId,
      customer_tenant_id: parsed.data.customerTenantId ?? null,
      customer_name: parsed.data.customerName,
      contact_email: parsed.data.contactEmail,
      sku_part_number: sku.part_number,
      quantity: parsed.data.quantity,
      status: "received",
      note: parsed.data.note ?? null,
      requested_by: `${who.appId}@${who.tenantId}`,
      created_at: now,
      updated_at: now,
    };
    await ctx.db.insertInto("licence_request").values(row).execute();
    return reply.code(201).header("location", `/reseller/api/licence-requests/${row.id}`).send(view(row));
  });

  // Any id is accepted here (an unknown one is a 404 in the API's own error shape).
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/reseller/api/licence-requests/:id",
      { schema: { params: z.object({ id: z.string() }) } },
      async (request, reply) => {
        const who = await caller(request, reply);
        if (!who) return reply;
        const { id } = request.params;
        const row = await ctx.db
          .selectFrom("licence_request")
          .selectAll()
          .where("id", "=", id.slice(0, 64))
          .where("requested_by", "=", `${who.appId}@${who.tenantId}`)
          .executeTakeFirst();
        if (!row) return apiError(reply, 404, "Request_ResourceNotFound", `Resource '${id}' does not exist.`);
        return reply.send(view(row));
      },
    );
}

/** For the partner centre: requests received, newest first. */
export function listLicenceRequests(db: Kysely<IdentityDB>, resellerTenantId: string) {
  return db
    .selectFrom("licence_request")
    .selectAll()
    .where("reseller_tenant_id", "=", resellerTenantId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute()
    .then((rows) => rows.map(view));
}
