import { createRequire } from "node:module";

/**
 * Domains of public mail providers (gmail.com, yahoo.fr, orange.fr …), from the maintained
 * `email-providers` list (about 8,700 domains). Nobody owns such a domain on behalf of an
 * organization, so no tenant may add or verify one.
 */
const providers: ReadonlySet<string> = new Set(
  createRequire(import.meta.url)("email-providers/all.json") as readonly string[],
);

/** True for a public mail domain or any name under one (mail.gmail.com). */
export function isPublicMailDomain(name: string): boolean {
  const labels = name.toLowerCase().replace(/\.$/, "").split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    if (providers.has(labels.slice(i).join("."))) return true;
  }
  return false;
}
