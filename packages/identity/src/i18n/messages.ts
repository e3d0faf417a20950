import { type Locale, mergeCatalogs, type Translator, translator } from "@sesame/kit/i18n/i18n";
import { kitMessages } from "@sesame/kit/ui/kit-messages";
import { adminConsentMessages } from "../admin-consent/admin-consent-messages";
import { domainVerificationMessages } from "../domain-verification/domain-verification-messages";
import { homeMessages } from "../home/home-messages";
import { oauthMessages } from "../oauth/oauth-messages";
import { signinMessages } from "../signin/signin-messages";
import { signupMessages } from "../signup/signup-messages";
import { tenantsMessages } from "../tenants/tenants-messages";

/** Identity's whole catalogue: every feature's messages, French and English. */
export const messages = mergeCatalogs(
  kitMessages,
  homeMessages,
  signinMessages,
  signupMessages,
  oauthMessages,
  tenantsMessages,
  adminConsentMessages,
  domainVerificationMessages,
);

export type MessageKey = keyof typeof messages.fr;
export type T = Translator<MessageKey>;

export const translate = (locale: Locale): T => translator(messages, locale);
