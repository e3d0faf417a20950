import type { IdentityFeature } from "../feature";

/** Tables of the sign-up wizard (migrations 0100–0199). */
export type SignupTables = Record<never, never>;

export const signupFeature: IdentityFeature = {
  name: "signup",
  migrations: {},
  register() {},
};
