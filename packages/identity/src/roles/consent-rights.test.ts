import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MICROSOFT_GRAPH_APP_ID, mayGrantTenantWideConsent } from "./consent-rights";
import { ROLES } from "./role-catalogue";

const PORTAL_API = "ff28182b-b927-4697-9f0e-3d38e40971a8";

// Expected answers from learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent
// (Prerequisites) and the role descriptions of the permissions reference.
const table: [string, string[], "delegated" | "application", string, boolean][] = [
  ["Global Administrator", [ROLES.globalAdministrator], "delegated", MICROSOFT_GRAPH_APP_ID, true],
  ["Global Administrator", [ROLES.globalAdministrator], "application", MICROSOFT_GRAPH_APP_ID, true],
  ["Global Administrator", [ROLES.globalAdministrator], "application", PORTAL_API, true],
  [
    "Privileged Role Administrator",
    [ROLES.privilegedRoleAdministrator],
    "delegated",
    MICROSOFT_GRAPH_APP_ID,
    true,
  ],
  [
    "Privileged Role Administrator",
    [ROLES.privilegedRoleAdministrator],
    "application",
    MICROSOFT_GRAPH_APP_ID,
    true,
  ],
  ["Application Administrator", [ROLES.applicationAdministrator], "delegated", MICROSOFT_GRAPH_APP_ID, true],
  ["Application Administrator", [ROLES.applicationAdministrator], "application", PORTAL_API, true],
  [
    "Application Administrator",
    [ROLES.applicationAdministrator],
    "application",
    MICROSOFT_GRAPH_APP_ID,
    false,
  ],
  [
    "Cloud Application Administrator",
    [ROLES.cloudApplicationAdministrator],
    "delegated",
    MICROSOFT_GRAPH_APP_ID,
    true,
  ],
  ["Cloud Application Administrator", [ROLES.cloudApplicationAdministrator], "application", PORTAL_API, true],
  [
    "Cloud Application Administrator",
    [ROLES.cloudApplicationAdministrator],
    "application",
    MICROSOFT_GRAPH_APP_ID,
    false,
  ],
  ["User Administrator", [ROLES.userAdministrator], "delegated", MICROSOFT_GRAPH_APP_ID, false],
  ["User Administrator", [ROLES.userAdministrator], "application", PORTAL_API, false],
  ["Global Reader", [ROLES.globalReader], "delegated", PORTAL_API, false],
  ["a user without role", [], "delegated", MICROSOFT_GRAPH_APP_ID, false],
  ["a user without role", [], "application", PORTAL_API, false],
  [
    "User Administrator who is also Application Administrator",
    [ROLES.userAdministrator, ROLES.applicationAdministrator],
    "delegated",
    MICROSOFT_GRAPH_APP_ID,
    true,
  ],
];

describe("who may grant tenant-wide admin consent (Microsoft's documented rules)", () => {
  for (const [who, roles, kind, resource, expected] of table) {
    const api = resource === MICROSOFT_GRAPH_APP_ID ? "Microsoft Graph" : "another API";
    it(`${who} ${expected ? "may" : "may not"} grant ${kind} permissions of ${api}`, () => {
      assert.equal(mayGrantTenantWideConsent(roles, { kind, resourceAppId: resource }), expected);
    });
  }

  it("recognises Microsoft Graph's app id in any letter case", () => {
    assert.equal(
      mayGrantTenantWideConsent([ROLES.applicationAdministrator], {
        kind: "application",
        resourceAppId: MICROSOFT_GRAPH_APP_ID.toUpperCase(),
      }),
      false,
    );
  });
});
