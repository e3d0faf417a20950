import { isLocale, localeCookie } from "@sesame/kit/i18n/i18n";
import type { FastifyRequest } from "fastify";

/**
 * A contact's pages (the guide, their space) speak the language the firm chose for them, unless
 * the person picked one themselves with the language switch (its cookie wins).
 */
export function speakContactLanguage(request: FastifyRequest, language: string): void {
  if (isLocale(request.cookies?.[localeCookie])) return;
  if (isLocale(language)) request.locale = language;
}
