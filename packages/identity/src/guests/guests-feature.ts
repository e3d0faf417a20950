import type { IdentityFeature } from "../feature";
import { createGuestTables } from "../storage/guest-tables";
import { registerGuestLoginStep } from "./guest-login-hook";
import { registerGuestOtpRoutes } from "./guest-otp-routes";
import { registerRedeemRoutes } from "./redeem-routes";

/**
 * B2B guests (migration 0600): the redeem link, the "Review permissions" page and the e-mail
 * one-time passcode; Graph POST /invitations lives with the Graph surface.
 */
export const guestsFeature: IdentityFeature = {
  name: "guests",
  migrations: { "0600_guests": { up: createGuestTables } },
  register(app, ctx) {
    registerRedeemRoutes(app, ctx);
    registerGuestOtpRoutes(app, ctx);
    registerGuestLoginStep(app, ctx);
  },
};
