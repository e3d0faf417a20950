import { type Locale, mergeCatalogs, type Translator, translator } from "@sesame/kit/i18n/i18n";
import { kitMessages } from "@sesame/kit/ui/kit-messages";
import { adminConsentMessages } from "./admin-consent-messages";
import { adminMessages } from "./admin-messages";
import { consentRequestMessages } from "./consent-request-messages";
import { deletionMessages } from "./deletion-messages";
import { directoryMessages } from "./directory-messages";
import { domainVerificationMessages } from "./domain-verification-messages";
import { factorMessages } from "./factor-messages";
import { guestMessages } from "./guest-messages";
import { homeMessages } from "./home-messages";
import { oauthMessages } from "./oauth-messages";
import { passkeyMessages } from "./passkey-messages";
import { resellerMessages } from "./reseller-messages";
import { securityMessages } from "./security-messages";
import { signinMessages } from "./signin-messages";
import { signupMessages } from "./signup-messages";

/** Identity's whole catalogue: every feature's messages, French and English. */
export const messages = mergeCatalogs(
  kitMessages,
  homeMessages,
  signinMessages,
  signupMessages,
  oauthMessages,
  directoryMessages,
  adminMessages,
  resellerMessages,
  adminConsentMessages,
  domainVerificationMessages,
  securityMessages,
  consentRequestMessages,
  factorMessages,
  guestMessages,
  deletionMessages,
  passkeyMessages,
);

export type MessageKey = keyof typeof messages.fr;
export type T = Translator<MessageKey>;

export const translate = (locale: Locale): T => translator(messages, locale);
