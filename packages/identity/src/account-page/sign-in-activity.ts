import type { Locale } from "@sesame/kit/i18n/i18n";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { MessageKey, T } from "../i18n/messages";
import type { SignInAttempt } from "./account-activity-queries";
import { deviceLabel } from "./device-label";
import { type Place, placeName } from "./ip-place";

/** How many attempts the page lists; the export has them all. */
export const SIGN_IN_ACTIVITY_LIMIT = 20;

/** The sign-in log's results the holder can act on, by AADSTS code; any other refusal is just "refused". */
const resultKeys: Record<string, MessageKey> = {
  success: "account.activity.success",
  "50126": "account.activity.wrongPassword",
  "50053": "account.activity.locked",
  "50057": "account.activity.disabled",
};

/** "Chrome sous Windows · France (Adresse IP 90.84.0.1)": the place first, the address for whoever needs it. */
export function deviceAndPlace(t: T, locale: Locale, input: { userAgent: string; ip: string; place: Place }) {
  const device = deviceLabel(input.userAgent);
  return html`<strong>${device ? t("account.sessions.deviceLabel", device) : t("account.sessions.unknownDevice")}</strong> · ${placeName(t, locale, input.place)} <small>(${t("account.sessions.address")} <span class="mono">${input.ip}</span>)</small>`;
}

/** The account page's "Sign-in activity": the latest attempts with their result, device and place. */
export function signInActivitySection(
  t: T,
  locale: Locale,
  view: {
    readonly signIns: readonly SignInAttempt[];
    readonly places: ReadonlyMap<string, Place>;
    readonly date: (ms: number) => string;
  },
): SafeHtml {
  const item = (s: SignInAttempt) => html`<li>
<p><time datetime="${new Date(s.at).toISOString()}">${view.date(s.at)}</time> · ${t(resultKeys[s.result] ?? "account.activity.refused")}</p>
<p>${deviceAndPlace(t, locale, { ...s, place: view.places.get(s.ip) ?? { kind: "unknown" } })}</p>
</li>`;
  return html`<h2>${t("account.activity.title")}</h2>
<p>${t("account.activity.intro", { limit: String(SIGN_IN_ACTIVITY_LIMIT) })} <a href="#privacy">${t("account.activity.older")}</a></p>
${view.signIns.length ? html`<ul class="accounts">${view.signIns.map(item)}</ul>` : html`<p class="muted">${t("account.activity.none")}</p>`}
<p class="muted">${t("account.activity.placeSource")}</p>`;
}
