import assert from "node:assert/strict";
import { addRedirectUri, findApplication } from "@sesame/identity/apps/app-queries";
import { PORTAL_CLIENT_ID } from "@sesame/identity/demo/portal-application";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import type { RunningPortal } from "@sesame/portal/main";
import { createSession } from "@sesame/portal/sessions/session-store";
import type { BrowserContext } from "playwright-core";
import { type Stack, startStack } from "./servers";

/**
 * identity and the portal with the portal's demo firm YPN. identity's demo registered the portal
 * for port 8444; this portal listens on a free port, so its addresses are added to the application.
 */
export async function startPortalDemoStack(
  target: TestTarget,
): Promise<{ stack: Stack; portal: RunningPortal; portalUrl: string }> {
  const stack = await startStack(target, { portal: true });
  const portal = stack.portal;
  assert.ok(portal);
  const app = await findApplication(stack.identity.ctx.db, PORTAL_CLIENT_ID);
  assert.ok(app);
  for (const path of ["/YPN/authorize", "/auth/callback", "/auth/signed-out"])
    await addRedirectUri(stack.identity.ctx.db, app.id, `${portal.url}${path}`, "web");
  await seedPortalDemo(portal.ctx);
  return { stack, portal, portalUrl: portal.url };
}

/** The demo firm YPN's administrator (a staff row). */
export async function demoFirmAdmin(portal: RunningPortal) {
  return portal.ctx.db
    .selectFrom("staff")
    .innerJoin("firm", "firm.id", "staff.firm_id")
    .selectAll("staff")
    .where("firm.code", "=", "YPN")
    .where("staff.role", "=", "admin")
    .executeTakeFirstOrThrow();
}

/**
 * Signs the browser context in as YPN's administrator: the session a finished Microsoft sign-in
 * from tenant `tid` leaves, as the portal's cookie.
 */
export async function signInAsDemoFirmAdmin(
  context: BrowserContext,
  portal: RunningPortal,
  tid: string,
): Promise<BrowserContext> {
  const admin = await demoFirmAdmin(portal);
  const token = await createSession(portal.ctx.db, {
    kind: "staff",
    firmId: admin.firm_id,
    subjectId: admin.id,
    tid,
    oid: admin.id,
    name: admin.display_name,
    idToken: "",
  });
  await context.addCookies([
    {
      name: "__Host-portal_session",
      value: token,
      url: portal.url,
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  return context;
}
