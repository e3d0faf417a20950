import type { Application } from "../../apps/app-queries";
import { AadstsError } from "../../protocol/aadsts";
import type { Authority } from "../../protocol/authority";
import type { UserFacts } from "../token-claims";

const allowsPersonal = (app: Application) =>
  app.sign_in_audience === "AzureADandPersonalMicrosoftAccount" ||
  app.sign_in_audience === "PersonalMicrosoftAccount";

/** Can this app be used through this authority at all (before anyone signs in)? */
export function authorityProblem(app: Application, authority: Authority): AadstsError | undefined {
  const names = { appId: app.app_id, name: app.display_name };
  const kind = authority.segment.kind;
  if (kind === "consumers" && !allowsPersonal(app)) return new AadstsError(9002332, names);
  if ((kind === "common" || kind === "organizations") && app.sign_in_audience === "AzureADMyOrg")
    return new AadstsError(50194, names);
  if (kind === "tenant" && app.sign_in_audience === "AzureADMyOrg" && authority.tenantId !== app.tenant_id) {
    return new AadstsError(700016, { appId: app.app_id, tenant: authority.tenantId ?? "" });
  }
  return undefined;
}

/** May this signed-in user use this app through this authority? (AADSTS50020 otherwise.) */
export function userProblem(
  app: Application,
  authority: Authority,
  user: UserFacts,
): AadstsError | undefined {
  const kind = authority.segment.kind;
  const personal = user.kind === "personal";
  const refused =
    (personal && (!allowsPersonal(app) || kind === "organizations" || kind === "tenant")) ||
    (!personal &&
      (app.sign_in_audience === "PersonalMicrosoftAccount" ||
        kind === "consumers" ||
        (app.sign_in_audience === "AzureADMyOrg" && user.tid !== app.tenant_id) ||
        (kind === "tenant" && authority.tenantId !== user.tid)));
  return refused ? notInTenant(app, user, authority.tenantId ?? app.tenant_id) : undefined;
}

/** AADSTS50020: the user's account (personal, or of another organization) is not a member of `tenant`. */
export function notInTenant(app: Application, user: UserFacts, tenant: string): AadstsError {
  return new AadstsError(50020, {
    email: user.email,
    idp: user.kind === "personal" ? "live.com" : `https://sts.windows.net/${user.tid}/`,
    tenant,
    appId: app.app_id,
    name: app.display_name,
  });
}
