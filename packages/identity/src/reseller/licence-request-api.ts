import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import {
  type ApiCaller,
  type BearerVerifier,
  LICENCE_REQUEST_ROLE,
  licenceRequestBody,
} from "./licence-request-shapes";
import { findLicenceRequest, receiveLicenceRequest, view } from "./licence-requests";

export {
  type ApiCaller,
  type BearerVerifier,
  LICENCE_REQUEST_ROLE,
  licenceRequestBody,
  licenceRequestView,
} from "./licence-request-shapes";

const apiError = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).send({ error: { code, message } });

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
    const received = await receiveLicenceRequest(ctx, who, parsed.data);
    if (received === "noReseller")
      return apiError(reply, 409, "NoReseller", "The calling organization has no reseller.");
    if (received === "unknownSku")
      return apiError(
        reply,
        400,
        "Request_BadRequest",
        `skuPartNumber: unknown product ${parsed.data.skuPartNumber}`,
      );
    const row = received;
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
        const row = await findLicenceRequest(ctx.db, id, who);
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
