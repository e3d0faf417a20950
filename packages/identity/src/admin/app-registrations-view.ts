import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import { type RedirectUrisByKind, redirectUrisByKind, tenantApplications } from "../apps/app-queries";
import type { IdentityDB } from "../storage/schema";
import type { tr } from "../ui/page";

const KINDS = ["web", "spa", "publicClient"] as const satisfies readonly (keyof RedirectUrisByKind)[];

/**
 * The organization's app registrations with their redirect URIs grouped by platform (Web,
 * single-page application, mobile and desktop), as Entra's Authentication blade shows them.
 */
export async function appRegistrationsSection(
  db: Kysely<IdentityDB>,
  tenantId: string,
  t: ReturnType<typeof tr>,
): Promise<SafeHtml> {
  const apps = await tenantApplications(db, tenantId);
  if (!apps.length) return html``;
  const uris = await redirectUrisByKind(
    db,
    apps.map((a) => a.id),
  );
  return html`<h2 id="registrations">${t("admin.apps.registrations")}</h2>${apps.map((a) => {
    const groups = uris.get(a.id);
    const kinds = KINDS.filter((k) => groups?.[k].length);
    return html`<section aria-labelledby="reg-${a.app_id}"><h3 id="reg-${a.app_id}">${a.display_name}</h3>
<p class="muted">${t("admin.apps.appId")} ${a.app_id}</p>
<h4>${t("admin.apps.redirectUris")}</h4>${
      kinds.length
        ? kinds.map(
            (k) =>
              html`<h5>${t(`admin.apps.kind.${k}`)}</h5><ul>${groups?.[k].map((uri) => html`<li><code>${uri}</code></li>`)}</ul>`,
          )
        : html`<p>${t("admin.apps.noRedirectUri")}</p>`
    }</section>`;
  })}`;
}
