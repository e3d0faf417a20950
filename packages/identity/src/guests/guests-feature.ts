import type { IdentityFeature } from "../feature";
import { addInvitePermissions, createGuestTables } from "../storage/guest-tables";
import { registerGuestLoginStep } from "./guest-login-hook";
import { registerGuestOtpRoutes } from "./guest-otp-routes";
import { registerGuestsAdminRoutes } from "./guests-admin-routes";
import { registerRedeemRoutes } from "./redeem-routes";

/**
 * B2B guests (migrations 0600-0601): the redeem link, the "Review permissions" page and the e-mail
 * one-time passcode; Graph POST /invitations lives with the Graph surface.
 */
export const guestsFeature: IdentityFeature = {
  name: "guests",
  migrations: {
    "0600_guests": { up: createGuestTables },
    "0601_guests_graph_invite_permission": { up: addInvitePermissions },
  },
  register(app, ctx) {
    registerRedeemRoutes(app, ctx);
    registerGuestOtpRoutes(app, ctx);
    registerGuestLoginStep(app, ctx);
    registerGuestsAdminRoutes(app, ctx);
  },
};
