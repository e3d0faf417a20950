import { type Locale, translator } from "../i18n/i18n";
import { html, type SafeHtml } from "./html";
import { kitMessages } from "./kit-messages";

/** What every page needs from the request it answers. */
export interface PageContext {
  readonly locale: Locale;
  /** CSP nonce of this response. */
  readonly nonce: string;
  /** Path and query of the current page, for the language switcher's way back. */
  readonly path: string;
  /** Brand shown above the card: the service's name. */
  readonly brand: string;
}

/** A customer's own look over the service's (a portal firm's): its name, logo and accent colour. */
export interface BrandMark {
  readonly name: string;
  readonly logoUrl?: string | undefined;
  /** "#rrggbb"; anything else is ignored. */
  readonly accent?: string | undefined;
}

export interface PageOptions {
  /** Shown in the header instead of the service's brand. */
  readonly brandMark?: BrandMark | undefined;
  readonly title: string;
  readonly body: SafeHtml;
  /** Wider layout for lists and tables (admin, portal); the card is for one-question pages. */
  readonly wide?: boolean;
  /** Extra links in the header (signed-in navigation). */
  readonly nav?: SafeHtml;
}

export function renderPage(ctx: PageContext, options: PageOptions): string {
  const t = translator(kitMessages, ctx.locale);
  const other: Locale = ctx.locale === "fr" ? "en" : "fr";
  const switchHref = `/_lang?to=${other}&back=${encodeURIComponent(ctx.path)}`;
  const mark = options.brandMark;
  const brand = mark?.name ?? ctx.brand;
  const accent = mark?.accent && /^#[0-9a-f]{6}$/i.test(mark.accent) ? mark.accent : undefined;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${brand}</title>
<link rel="stylesheet" href="/_assets/sesame.css">
${accent ? html`<style nonce="${ctx.nonce}">:root{--accent:${accent}}.top{border-bottom:4px solid ${accent}}</style>` : ""}
<script src="/_assets/sesame.js" defer nonce="${ctx.nonce}"></script>
</head>
<body>
<a class="skip" href="#main">${t("layout.skip")}</a>
<header class="top">
<span class="brand">${mark?.logoUrl ? html`<img src="${mark.logoUrl}" alt="" class="brand-logo"> ` : ""}${brand}</span>
${options.nav}
<a class="lang" href="${switchHref}" hreflang="${other}" lang="${other}">${t("layout.switchTo")}</a>
</header>
<main id="main" class="${options.wide ? "wide" : "card"}">
${options.body}
</main>
<footer class="foot"><a href="/terms">${t("layout.terms")}</a> · <a href="/privacy">${t("layout.privacy")}</a></footer>
</body>
</html>`.value;
}
