import { randomBytes } from "node:crypto";

/**
 * The floor's fixed identity data, shaped like identity's (ids are GUIDs, subjects 43 base64url
 * characters as identity's pairwise ones): the claims the floor signs are the same size as
 * identity's, read from a real token of each kind (docs/performance.md, item 25).
 */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
export const tenantId = "9188040d-6c67-4c5b-b112-36a304b66dad";
export const servicePrincipal = "c5f4e23e-6484-4d2d-ac3c-94be5c0f6b2b";
export const appRoles = ["User.Read.All"];
export const user = {
  oid: "00000000-0000-0000-3a37-02183ad61f27",
  name: "Camille Durand",
  email: "camille.durand@outlook.fr",
  /** Pairwise subjects, one per audience, computed once (identity derives them with an HMAC). */
  appSub: randomBytes(32).toString("base64url"),
  graphSub: randomBytes(32).toString("base64url"),
};

/** A token's unique id, as identity's `uti`: 16 random bytes. */
export const uti = () => randomBytes(16).toString("base64url");

/** Issue, not-before and expiry (one hour less a second, as identity's `expires_in` 3599). */
export function lifetime() {
  const now = Math.floor(Date.now() / 1000);
  return { iat: now, nbf: now, exp: now + 3599 };
}
