import type { IdentityFeature } from "../feature";
import { createConsentRequestTables } from "../storage/consent-request-tables";
import { runConsentRequestTimers } from "./consent-expiry-operations";
import { registerConsentRequestRoutes } from "./consent-request-routes";
import { seedConsentRequestPermissions } from "./graph-permission-seed";

/** How often expiry and reminders are looked at; a request lasts whole days. */
const TIMER_MS = 10 * 60 * 1000;

/**
 * The admin consent workflow (migrations 0700–0799): users request approval from "Need admin
 * approval", reviewers decide in the admin centre or through Graph, undecided requests expire.
 */
export const consentRequestsFeature: IdentityFeature = {
  name: "consent-requests",
  migrations: {
    "0700_consent_requests": { up: createConsentRequestTables },
    "0701_consent_request_graph_permissions": { up: seedConsentRequestPermissions },
  },
  register(app, ctx) {
    registerConsentRequestRoutes(app, ctx);
    const timer = setInterval(() => {
      runConsentRequestTimers(ctx).catch((error: unknown) => {
        // The database may be restarting: the next pass tries again.
        ctx.logger.warn({ err: error }, "consent request timers failed");
      });
    }, TIMER_MS);
    timer.unref();
    app.addHook("onClose", async () => clearInterval(timer));
  },
};
