import { type Locale, mergeCatalogs, type Translator, translator } from "@sesame/kit/i18n/i18n";
import { kitMessages } from "@sesame/kit/ui/kit-messages";
import { adminMessages } from "../admin/admin-messages";
import { adminConsentMessages } from "../admin-consent/admin-consent-messages";
import { homeMessages } from "../home/home-messages";
import { oauthMessages } from "../oauth/oauth-messages";
import { resellerMessages } from "../reseller/reseller-messages";
import { signinMessages } from "../signin/signin-messages";
import { signupMessages } from "../signup/signup-messages";
import { directoryMessages } from "../tenants/directory-messages";
import { domainVerificationMessages } from "../tenants/domain-verification-messages";

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
);

export type MessageKey = keyof typeof messages.fr;
export type T = Translator<MessageKey>;

export const translate = (locale: Locale): T => translator(messages, locale);
