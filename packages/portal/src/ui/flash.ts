import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyRequest } from "fastify";
import type { MessageKey, T } from "../i18n/messages";

/** What a redirect after a save may announce on the next page (`?done=…`). */
const flashes = {
  dossierCreated: "flash.dossierCreated",
  dossierSaved: "flash.dossierSaved",
  contactCreated: "flash.contactCreated",
  contactInvited: "flash.contactInvited",
  invited: "flash.invited",
  reminded: "flash.reminded",
  revoked: "flash.revoked",
  linked: "flash.linked",
  rechecked: "flash.rechecked",
  staffAdded: "flash.staffAdded",
  licenceRequested: "flash.licenceRequested",
  licenceHandled: "flash.licenceHandled",
  licenceRefused: "flash.licenceRefused",
  guestOn: "flash.guestOn",
  guestOff: "flash.guestOff",
  brandingSaved: "flash.brandingSaved",
} as const satisfies Record<string, MessageKey>;

export type Flash = keyof typeof flashes;

/** The address of the next page, which confirms what was just saved. */
export const withFlash = (path: string, done: Flash): string =>
  `${path}${path.includes("?") ? "&" : "?"}done=${done}`;

/** The confirmation of this request's `?done=`, announced to screen readers (role="status"). */
export function flashOf(request: FastifyRequest, t: T): SafeHtml {
  const done = new URL(request.url, "http://portal.invalid").searchParams.get("done") ?? "";
  if (!Object.hasOwn(flashes, done)) return html``;
  return html`<p role="status" class="notice flash">${t(flashes[done as Flash])}</p>`;
}
