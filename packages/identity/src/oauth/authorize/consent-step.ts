import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import {
  type Application,
  exposedPermissions,
  findApplication,
  requiredPermissions,
} from "../../apps/app-queries";
import { GRAPH_APP_ID } from "../../apps/graph-app";
import { grantedScopes, recordUserConsent } from "../../consent/consent-queries";
import type { OrganizationOffer } from "../../consent/organization-offer";
import { organizationOffer } from "../../consent/organization-offer";
import { organizationSection } from "../../consent/organization-section";
import { type ApprovalAsk, approvalRequestSection } from "../../consent-requests/approval-request-page";
import type { IdentityDB } from "../../storage/schema";
import { findTenant } from "../../tenants/tenant-queries";
import { sendPage, tr } from "../../ui/page";
import type { ScopeRequest } from "../scopes";
import type { UserFacts } from "../token-claims";

/**
 * The API scope values a request really asks for (`.default` = what the app declared) and which of
 * them, with the OIDC scopes, the user has not granted yet (all of them with prompt=consent).
 */
export async function consentNeeded(
  db: Kysely<IdentityDB>,
  input: { app: Application; user: UserFacts; scopes: ScopeRequest; prompt: string | undefined },
): Promise<{ values: string[]; missing: string[] }> {
  const { app, user, scopes } = input;
  const granted = await grantedScopes(db, {
    clientAppId: app.app_id,
    resourceAppId: scopes.resource.app_id,
    tenantId: user.tid,
    principalId: user.oid,
  });
  let values = [...scopes.values];
  if (values.includes(".default")) {
    const declared = (await requiredPermissions(db, app.id))
      .filter((r) => r.resource_app_id === scopes.resource.app_id && r.kind === "scope")
      .map((r) => r.value);
    values = [
      ...new Set([
        ...declared,
        ...[...granted].filter((g) => !["openid", "profile", "email", "offline_access"].includes(g)),
      ]),
    ];
  }
  const wanted = [...scopes.oidc, ...values];
  const missing = input.prompt === "consent" ? wanted : wanted.filter((w) => !granted.has(w));
  return { values, missing };
}

/**
 * A work account cannot consent itself when its tenant does not let users consent, or when a
 * permission requires an admin (Directory.Read.All …): Entra then shows "Need admin approval".
 */
export async function needsAdminApproval(
  db: Kysely<IdentityDB>,
  input: { user: UserFacts; scopes: ScopeRequest; missing: string[] },
): Promise<boolean> {
  if (input.user.kind !== "work" || input.missing.length === 0) return false;
  const tenant = await findTenant(db, input.user.tid);
  if (tenant?.user_consent_allowed === 0) return true;
  const adminOnly = (await exposedPermissions(db, input.scopes.resource.id)).filter(
    (p) => p.kind === "scope" && p.admin_consent_required === 1,
  );
  return input.missing.some((m) => adminOnly.some((p) => p.value === m));
}

/**
 * The consent rule every interactive flow shares (authorize v1/v2, device code): the user may consent
 * only when nothing missing needs an administrator, or when they may grant it for the organization
 * (`offer`, which the consent page then shows).
 */
export async function consentDecision(
  db: Kysely<IdentityDB>,
  input: { app: Application; user: UserFacts; scopes: ScopeRequest; values: string[]; missing: string[] },
): Promise<{ mayConsent: boolean; offer: OrganizationOffer | undefined }> {
  if (input.missing.length === 0) return { mayConsent: true, offer: undefined };
  const offer = await organizationOffer(db, {
    app: input.app,
    user: input.user,
    delegated: [
      {
        resourceAppId: input.scopes.resource.app_id,
        scopes: [...new Set([...input.missing, ...input.values])],
      },
    ],
  });
  return { mayConsent: offer !== undefined || !(await needsAdminApproval(db, input)), offer };
}

/**
 * "Approbation de l'administrateur requise": what the user can do next, no way to consent; with
 * `ask`, "Request approval" where the tenant runs the admin consent workflow.
 */
export async function sendAdminApprovalPage(
  request: FastifyRequest,
  reply: FastifyReply,
  app: Application,
  ask?: Omit<ApprovalAsk, "app">,
) {
  const t = tr(request);
  const workflow = ask ? await approvalRequestSection(request, reply, { ...ask, app }) : html``;
  const body = html`<h1>${t("consent.adminTitle")}</h1>
<p><strong>${app.display_name}</strong></p>
<p role="alert">${t("consent.adminText", { app: app.display_name })}</p>
<p class="muted">${t("adminConsent.adminCode")}</p>
${workflow}`;
  return sendPage(request, reply, { title: t("consent.adminTitle"), body, status: 403 });
}

export async function recordConsent(
  db: Kysely<IdentityDB>,
  input: { app: Application; user: UserFacts; scopes: ScopeRequest; items: string[] },
): Promise<void> {
  await recordUserConsent(db, {
    clientAppId: input.app.app_id,
    resourceAppId: input.scopes.resource.app_id,
    tenantId: input.user.tid,
    principalId: input.user.oid,
    scopes: input.items,
  });
}

/** "Autorisations demandées": each permission in plain words, Accepter / Annuler. */
export async function sendConsentPage(
  db: Kysely<IdentityDB>,
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    app: Application;
    user: UserFacts;
    scopes: ScopeRequest;
    items: string[];
    request: string;
    action: string;
    organization?: { offer: OrganizationOffer; forced: boolean };
  },
) {
  const t = tr(request);
  const labels = await permissionLabels(db, input, request.locale);
  const body = html`<h1>${t("consent.title")}</h1>
<p><strong>${input.app.display_name}</strong><br><span class="muted">${t("consent.publisher", { publisher: input.app.publisher })}</span></p>
<p class="muted">${t("consent.account", { email: input.user.email })}</p>
<p>${t("consent.intro")}</p>
<ul class="permissions">${labels.map((l) => html`<li>${l}</li>`)}</ul>
<p class="muted">${t("consent.explain")}</p>
<form method="post" action="${input.action}">
${csrfField(reply)}
<input type="hidden" name="request" value="${input.request}">
${organizationSection(t, input.organization)}
<button type="submit" name="decision" value="cancel" class="secondary">${t("consent.cancel")}</button>
<button type="submit" name="decision" value="accept" class="primary">${t("consent.accept")}</button>
</form>`;
  return sendPage(request, reply, { title: t("consent.title"), body });
}

async function permissionLabels(
  db: Kysely<IdentityDB>,
  input: { scopes: ScopeRequest; items: string[] },
  locale: string,
): Promise<string[]> {
  const graph = await findApplication(db, GRAPH_APP_ID);
  const own = await exposedPermissions(db, input.scopes.resource.id);
  const oidc = graph ? await exposedPermissions(db, graph.id) : [];
  const labels = consentLines(input.items).map((item) => {
    const p =
      own.find((x) => x.kind === "scope" && x.value === item) ??
      oidc.find((x) => x.kind === "scope" && x.value === item);
    return p ? (locale === "en" ? p.label_en : p.label_fr) : item;
  });
  return [...new Set(labels)];
}

/**
 * The permissions the consent page lists, one line each: Microsoft folds "Sign you in" (openid)
 * into "Sign you in and read your profile" (User.Read) when both are asked.
 */
export function consentLines(items: readonly string[]): string[] {
  const unique = [...new Set(items)];
  return unique.includes("User.Read") ? unique.filter((i) => i !== "openid") : unique;
}
