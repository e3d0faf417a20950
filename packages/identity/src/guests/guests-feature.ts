import type { IdentityFeature } from "../feature";
import { createGuestTables } from "../storage/guest-tables";

/** B2B guests: their tables (migration 0600); Graph POST /invitations lives with the Graph surface. */
export const guestsFeature: IdentityFeature = {
  name: "guests",
  migrations: { "0600_guests": { up: createGuestTables } },
  register() {},
};
