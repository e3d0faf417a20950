import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { localReturnUrl } from "../signup/return-url";
import { resolveTenantSegment } from "../tenants/tenant-queries";
import { sendCodePage } from "./guest-pages";
import { findGuestByEmail, guestSettingsRow } from "./guest-queries";
import { mayUsePasscode, settingsOf } from "./guest-rules";
import { redemptionPath } from "./redemption-path";

const emailStep = z.object({ email: z.string().max(254), return: z.string().max(2048).optional() });

/** The `{tenant}` segment of an authorize path the login page returns to (`/{tenant}/oauth2/…`). */
function tenantOfReturn(returnTo: string | undefined): string | undefined {
  const local = localReturnUrl(returnTo);
  const match = local ? /^\/([^/?#]+)\/oauth2\//.exec(local) : null;
  return match?.[1];
}

/**
 * E-mail one-time passcode on every authorize flow of the inviting tenant: when the address typed
 * on the login page is a passcode guest of the tenant named by the authority (`/{tenant}/…`, never
 * `/common`, `/organizations` or `/consumers`), the next step is "Send code" instead of a password.
 */
export function registerGuestLoginStep(app: FastifyInstance, ctx: IdentityContext): void {
  // A hook of every request: the others (the token endpoint is the bench's hot path) leave it at
  // once, without the promise an async hook costs each of them.
  app.addHook("preHandler", (request, reply, done) => {
    if (request.method !== "POST" || request.routeOptions.url !== "/login") return done();
    passcodeStep(ctx, request, reply).then(
      (sent) => (sent ? undefined : done()),
      (error: unknown) => done(error as Error),
    );
  });
}

/** True when it answered with the "Send code" page; false when the password step goes on. */
async function passcodeStep(
  ctx: IdentityContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  const form = emailStep.safeParse(request.body ?? {});
  if (!form.success) return false;
  const segment = tenantOfReturn(form.data.return);
  if (!segment) return false;
  const resolved = await resolveTenantSegment(ctx.db, segment);
  if (resolved?.kind !== "tenant" || resolved.tenant.kind !== "organization") return false;
  const tenant = resolved.tenant;
  const guest = await findGuestByEmail(ctx.db, tenant.id, form.data.email);
  if (!guest) return false;
  const settings = await guestSettingsRow(ctx.db, tenant.id).then(settingsOf);
  if (!mayUsePasscode(guest, settings)) return false;
  if (
    guest.external_user_state === "PendingAcceptance" &&
    (await redemptionPath(ctx.db, guest, settings)) !== "emailOneTimePasscode"
  )
    return false;
  sendCodePage(request, reply, {
    tenantId: tenant.id,
    organisation: tenant.display_name,
    email: guest.email,
    returnTo: localReturnUrl(form.data.return),
  });
  return true;
}
