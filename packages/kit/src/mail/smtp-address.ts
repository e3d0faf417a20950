import { domainToASCII } from "node:url";

// RFC 5321 Dot-string: atoms of atext joined by single dots. Quoted local parts ("a b"@…) are
// valid in theory but refused or mangled by most relays, and a queued message would only be
// retried for a day before being dropped; non-ASCII local parts need SMTPUTF8, which relays
// cannot be counted on to offer.
const dotString = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * True when an SMTP server will take this as a recipient: a dot-atom local part of at most 64
 * characters and a host name (internationalised names allowed, checked in their IDNA form).
 */
export function isSmtpDeliverable(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0 || address.length > 254) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !dotString.test(local)) return false;
  return isHostName(domain);
}

function isHostName(domain: string): boolean {
  if (!domain || domain.endsWith(".")) return false;
  // domainToASCII gives '' for a name IDNA refuses, and lowercases.
  const ascii = domainToASCII(domain);
  if (!ascii || ascii.length > 253) return false;
  const labels = ascii.split(".");
  const top = labels.at(-1) ?? "";
  return labels.length >= 2 && labels.every((l) => label.test(l)) && !/^\d+$/.test(top);
}
