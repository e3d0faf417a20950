import { pageContext } from "@sesame/kit/http/create-app";
import type { SafeHtml } from "@sesame/kit/ui/html";
import { renderPage } from "@sesame/kit/ui/layout";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type T, translate } from "../i18n/messages";

export const BRAND = "Sésame";

export interface PageInput {
  readonly title: string;
  readonly body: SafeHtml;
  readonly wide?: boolean;
  readonly nav?: SafeHtml;
  readonly status?: number;
}

export function sendPage(request: FastifyRequest, reply: FastifyReply, page: PageInput): FastifyReply {
  return reply
    .code(page.status ?? 200)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(renderPage(pageContext(request, reply, BRAND), page));
}

/** The translator of this request's language. */
export const tr = (request: FastifyRequest): T => translate(request.locale);
