import { csrfField } from "@sesame/kit/ui/forms";
import { escapeHtml, html, SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply } from "fastify";
import type { T } from "../../i18n/messages";

/** "← client.collaboratif@gmail.com": the seed's back link above each step, to the previous step. */
export function backLink(t: T, href: string, email: string | undefined): SafeHtml {
  return html`<a class="identity" href="${href}" aria-label="${t("signup.back")}${email ? ` : ${email}` : ""}">← ${email ?? t("signup.back")}</a>`;
}

export function postForm(reply: FastifyReply, action: string, content: SafeHtml, id?: string): SafeHtml {
  return html`<form method="post" action="${action}" novalidate${id ? html` id="${id}"` : html``}>${csrfField(reply)}
${content}</form>`;
}

export function nextButton(t: T): SafeHtml {
  return html`<div class="actions"><button class="primary" type="submit">${t("signup.next")}</button></div>`;
}

export function errorBlock(id: string, message: string | undefined): SafeHtml {
  return message ? html`<p class="error" id="${id}-error" role="alert">${message}</p>` : html``;
}

/** A catalogue sentence with {placeholders} filled by markup (links, bold), the text escaped. */
export function sentence(text: string, parts: Record<string, SafeHtml>): SafeHtml {
  return new SafeHtml(
    text
      .split(/(\{\w+\})/)
      .map((piece) => {
        const name = /^\{(\w+)\}$/.exec(piece)?.[1];
        const part = name ? parts[name] : undefined;
        return part ? part.value : escapeHtml(piece);
      })
      .join(""),
  );
}
