import { z } from "zod";
import type { ContactInput } from "./contact-queries";
import { normalizePhone } from "./phone";

export type ContactField = "civility" | "first_name" | "last_name" | "email" | "phone";
export type ContactErrorKey =
  | "contact.error.civility"
  | "contact.error.firstName"
  | "contact.error.lastName"
  | "contact.error.email"
  | "contact.error.phone";

const raw = z.object({
  civility: z.string().default(""),
  first_name: z.string().default(""),
  last_name: z.string().default(""),
  email: z.string().default(""),
  phone: z.string().default(""),
  language: z.string().default("fr"),
});

const email = z.string().email().max(254);

/** Civility as people write it in a form or a spreadsheet. */
function readCivility(value: string): "mme" | "m" | undefined {
  const v = value.trim().toLowerCase().replace(/\.$/, "");
  if (["mme", "madame", "ms", "mrs", "mme."].includes(v)) return "mme";
  if (["m", "monsieur", "mr"].includes(v)) return "m";
  return undefined;
}

/** Checks a contact form or CSV row; one error per field. */
export function parseContact(
  body: unknown,
): { ok: true; input: ContactInput } | { ok: false; errors: Partial<Record<ContactField, ContactErrorKey>> } {
  const fields = raw.safeParse(body ?? {});
  const v = fields.success ? fields.data : raw.parse({});
  const errors: Partial<Record<ContactField, ContactErrorKey>> = {};
  const civility = readCivility(v.civility);
  if (!civility) errors.civility = "contact.error.civility";
  const firstName = v.first_name.trim();
  if (!firstName || firstName.length > 100) errors.first_name = "contact.error.firstName";
  const lastName = v.last_name.trim();
  if (!lastName || lastName.length > 100) errors.last_name = "contact.error.lastName";
  const address = v.email.trim();
  if (!email.safeParse(address).success) errors.email = "contact.error.email";
  let phone: string | null = null;
  if (v.phone.trim()) {
    phone = normalizePhone(v.phone) ?? null;
    if (!phone) errors.phone = "contact.error.phone";
  }
  if (Object.keys(errors).length > 0 || !civility) return { ok: false, errors };
  const language = v.language.trim().toLowerCase().startsWith("en") ? "en" : "fr";
  return { ok: true, input: { civility, firstName, lastName, email: address, phone, language } };
}
