import type { IdentityFeature } from "../feature";

/** Tables of applications, keys, codes, tokens and user consent (migrations 0200–0299). */
export type OauthTables = Record<never, never>;

export const oauthFeature: IdentityFeature = {
  name: "oauth",
  migrations: {},
  register() {},
};
