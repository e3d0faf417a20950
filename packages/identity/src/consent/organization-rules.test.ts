import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MICROSOFT_GRAPH_APP_ID } from "../roles/consent-rights";
import { ROLES } from "../roles/role-catalogue";
import { organizationRights } from "./organization-rules";

const API = "5b1c7c1e-4c1e-4b8e-9a39-1f1f1f1f1f1f";
const graphRole = { resourceAppId: MICROSOFT_GRAPH_APP_ID, value: "Organization.Read.All" };
const apiRole = { resourceAppId: API, value: "Things.Read.All" };
const wanted = { delegatedResources: [MICROSOFT_GRAPH_APP_ID], appRoles: [graphRole, apiRole] };

// https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent ("Prerequisites")
describe("what an admin may grant on behalf of the organization", () => {
  it("lets a Global or Privileged Role Administrator grant delegated and every application permission", () => {
    for (const role of [ROLES.globalAdministrator, ROLES.privilegedRoleAdministrator]) {
      const r = organizationRights([role], wanted);
      assert.deepEqual(r, { mayGrant: true, appRoles: [graphRole, apiRole], complete: true });
    }
  });
  it("lets an Application Administrator grant delegated permissions but not Graph application permissions", () => {
    for (const role of [ROLES.applicationAdministrator, ROLES.cloudApplicationAdministrator]) {
      const r = organizationRights([role], wanted);
      assert.deepEqual(r, { mayGrant: true, appRoles: [apiRole], complete: false });
    }
  });
  it("gives a plain user or a User Administrator nothing to grant", () => {
    for (const roles of [[], [ROLES.userAdministrator]]) {
      assert.equal(organizationRights(roles, wanted).mayGrant, false);
    }
  });
});
