import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { runAdminConsent } from "./adminconsent-flow";

type TenantParams = { Params: { tenant: string } };
const decisionForm = z.object({ request: z.string().max(8192), decision: z.enum(["accept", "cancel"]) });

/**
 * v1 `/{tenant}/adminconsent` (client_id, redirect_uri, state) and v2 `/{tenant}/v2.0/adminconsent`
 * (+ scope, required). tenant: GUID, verified domain or `organizations`; `common` is refused.
 */
export function registerAdminConsentRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  for (const [path, version] of [
    ["/:tenant/adminconsent", "1"],
    ["/:tenant/v2.0/adminconsent", "2"],
  ] as const) {
    app.get<TenantParams>(path, (request, reply) =>
      runAdminConsent(ctx, request, reply, {
        tenant: request.params.tenant,
        version,
        query: request.query,
        path: request.url.split("?")[0] ?? "",
      }),
    );
    app.post<TenantParams>(path, (request, reply) => {
      const form = decisionForm.safeParse(request.body);
      return runAdminConsent(ctx, request, reply, {
        tenant: request.params.tenant,
        version,
        query: form.success ? Object.fromEntries(new URLSearchParams(form.data.request)) : {},
        path: request.url.split("?")[0] ?? "",
        ...(form.success ? { decision: form.data.decision } : {}),
      });
    });
  }
}
