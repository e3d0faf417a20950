import type { SafeHtml } from "@sesame/kit/ui/html";
import { html } from "@sesame/kit/ui/html";
import { pageSender, type SendPage } from "@sesame/kit/ui/send-page";
import type { FastifyRequest } from "fastify";
import { type T, translate } from "../i18n/messages";
import { flashOf } from "./flash";

export const BRAND = "Espace collaboratif";

/** The shared layout under the portal's name in the page's language, with the confirmation of a save. */
export const sendPage: SendPage = (request, reply, page) => {
  const t = tr(request);
  const flash: SafeHtml = flashOf(request, t);
  return pageSender(t("portal.brand"))(request, reply, {
    ...page,
    brandMark: page.brandMark ?? request.firmBrand,
    body: html`${flash}${page.body}`,
  });
};

/** The translator of this request's language. */
export const tr = (request: FastifyRequest): T => translate(request.locale);
