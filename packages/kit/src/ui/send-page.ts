import type { FastifyReply, FastifyRequest } from "fastify";
import { pageContext } from "../http/create-app";
import type { SafeHtml } from "./html";
import { renderPage } from "./layout";

export interface PageInput {
  readonly title: string;
  readonly body: SafeHtml;
  readonly wide?: boolean;
  readonly nav?: SafeHtml;
  readonly status?: number;
}

export type SendPage = (request: FastifyRequest, reply: FastifyReply, page: PageInput) => FastifyReply;

/** A service's page sender: the shared layout under its brand, never cached (pages carry CSRF tokens). */
export function pageSender(brand: string): SendPage {
  return (request, reply, page) =>
    reply
      .code(page.status ?? 200)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(renderPage(pageContext(request, reply, brand), page));
}
