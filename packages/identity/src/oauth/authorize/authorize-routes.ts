import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { OauthDeps } from "../token-issuer";
import { runAuthorize } from "./authorize-flow";

type TenantParams = { Params: { tenant: string } };
const consentForm = z.object({
  request: z.string().max(8192),
  decision: z.enum(["accept", "cancel"]),
  on_behalf: z.literal("1").optional(),
});

/**
 * v2 `/{tenant}/oauth2/v2.0/authorize` (scopes) and v1 `/{tenant}/oauth2/authorize` (resource).
 *
 * Contract with the sign-in pages: without a suitable session the browser goes to
 * `/login?return=<this path and query>&login_hint=…` (or `/select-account?return=…`); once the user
 * has signed in or chosen, that page redirects to `return` with `sid=<session id>` appended. The sid
 * only counts if it is an active session of this browser's `__Host-session` cookie; with
 * prompt=login its auth_time must be after `login_started` (added to `return` here).
 * The consent form posts back here with the same parameters and the user's decision.
 */
export function registerAuthorizeRoutes(app: FastifyInstance, deps: OauthDeps): void {
  for (const [path, version] of [
    ["/:tenant/oauth2/v2.0/authorize", "2"],
    ["/:tenant/oauth2/authorize", "1"],
  ] as const) {
    app.get<TenantParams>(path, async (request, reply) =>
      runAuthorize(deps, request, reply, {
        tenant: request.params.tenant,
        version,
        query: request.query,
        path: request.url.split("?")[0] ?? "",
      }),
    );
    app.post<TenantParams>(path, async (request, reply) => {
      const form = consentForm.safeParse(request.body);
      const query = form.success ? Object.fromEntries(new URLSearchParams(form.data.request)) : {};
      return runAuthorize(deps, request, reply, {
        tenant: request.params.tenant,
        version,
        query,
        path: request.url.split("?")[0] ?? "",
        ...(form.success ? { decision: form.data.decision, onBehalf: form.data.on_behalf === "1" } : {}),
      });
    });
  }
}
