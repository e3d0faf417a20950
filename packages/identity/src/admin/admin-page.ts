import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { MessageKey } from "../i18n/messages";
import { DirectoryError } from "../tenants/directory-error";
import { sendPage, tr } from "../ui/page";
import type { AdminSession } from "./admin-session";

const sections: readonly [string, MessageKey][] = [
  ["/admin", "admin.nav.home"],
  ["/admin/users", "admin.nav.users"],
  ["/admin/guests", "admin.nav.guests"],
  ["/admin/roles", "admin.nav.roles"],
  ["/admin/domains", "admin.nav.domains"],
  ["/admin/licences", "admin.nav.licences"],
  ["/admin/applications", "admin.nav.applications"],
  ["/admin/consent-requests", "consentRequests.admin.title"],
  ["/admin/settings", "admin.nav.settings"],
  ["/admin/sign-ins", "admin.nav.signins"],
  ["/admin/audit", "admin.nav.audit"],
  ["/admin/authentication-methods", "admin.methods.title"],
];

/** A problem to show above the page's content, with the status it is sent with. */
export interface Problem {
  readonly message: string;
  readonly status: number;
}

/**
 * The one place a refused directory operation becomes words on an HTML page (admin centre,
 * reseller pages); anything else is not a refusal and goes on to the error page.
 */
export function refusalProblem(request: FastifyRequest, error: unknown): Problem {
  if (!(error instanceof DirectoryError)) throw error;
  return { message: tr(request)(error.code, error.params), status: error.statusCode };
}

export interface AdminPageInput {
  /** The section's name; none on the centre's home, whose name is the centre's own. */
  readonly title?: string | undefined;
  readonly body: SafeHtml;
  readonly problem?: Problem | undefined;
  /** A confirmation line (after a redirect) or a one-time secret to show. */
  readonly notice?: string | undefined;
}

/** Every admin-centre page: wide layout, section navigation, the outcome of the last action. */
export function sendAdminPage(
  request: FastifyRequest,
  reply: FastifyReply,
  admin: AdminSession,
  page: AdminPageInput,
): FastifyReply {
  const t = tr(request);
  const path = request.url.split("?")[0];
  const nav = html`<nav class="admin-nav" aria-label="${t("admin.nav")}"><ul>${sections.map(
    ([href, key]) =>
      html`<li><a href="${href}"${href === path ? html` aria-current="page"` : html``}>${t(key)}</a></li>`,
  )}</ul></nav>`;
  const who = html`<span class="muted">${t("admin.signedInAs", { email: admin.account.email, tenant: admin.tenant.display_name })}</span>`;
  const centre = t("admin.title");
  const body = html`${nav}<h1>${page.title ?? centre}</h1>
${page.problem ? html`<p class="error" role="alert">${page.problem.message}</p>` : html``}
${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : html``}
${page.body}`;
  return sendPage(request, reply, {
    title: page.title ? `${page.title} · ${centre}` : centre,
    body,
    wide: true,
    nav: who,
    status: page.problem?.status ?? 200,
  });
}

const doneQuery = z.object({ done: z.string().optional() });

/** The confirmation for ?done=1 after a successful POST. */
export function doneNotice(request: FastifyRequest): string | undefined {
  return doneQuery.safeParse(request.query).data?.done === "1" ? tr(request)("admin.done") : undefined;
}

/** A generated password, shown once to the administrator who set it. */
export function temporaryPasswordNotice(request: FastifyRequest, upn: string, password: string): string {
  return tr(request)("admin.users.temporaryPassword", { upn, password });
}

export const formatTime = (ms: number, locale: string): string =>
  `${new Date(Number(ms)).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", { timeZone: "UTC" })} UTC`;
