import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { type PortalHarness, startTestPortal } from "./portal-harness";

export interface PortalWithIdentity {
  readonly identity: IdentityHarness;
  readonly portal: PortalHarness;
  close(): Promise<void>;
}

/**
 * identity on HTTPS with its demo data, and a portal whose authority it is, as `npm start` runs
 * them. The portal takes port 8444 in its URLs because identity's demo data registered
 * https://localhost:8444 as the portal's redirect.
 */
export async function startPortalWithIdentity(target: TestTarget): Promise<PortalWithIdentity> {
  const identity = await startTestIdentity(target, { listen: true });
  await seedIdentityDemo(identity.identity.ctx);
  const portal = await startTestPortal(target, {
    authority: identity.identity.url,
    ca: identity.identity.ca,
    env: { SESAME_PORTAL_PORT: "8444" },
  });
  return {
    identity,
    portal,
    async close() {
      await portal.close();
      await identity.close();
    },
  };
}
