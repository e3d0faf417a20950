import type { IdentityFeature } from "../feature";
import { registerSigninRoutes } from "./signin-routes";

/** Sign-in, sessions, password reset and lockout (migrations 0400–0499). */
export type SigninTables = Record<never, never>;

export const signinFeature: IdentityFeature = {
  name: "signin",
  migrations: {},
  register: registerSigninRoutes,
};
