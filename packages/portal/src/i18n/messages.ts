import { type Locale, mergeCatalogs, type Translator, translator } from "@sesame/kit/i18n/i18n";
import { kitMessages } from "@sesame/kit/ui/kit-messages";
import { authMessages } from "../auth/auth-messages";
import { consentMessages } from "../consent/consent-messages";
import { contactMessages } from "../contacts/contact-messages";
import { dossierMessages } from "../dossiers/dossier-messages";
import { firmMessages } from "../firms/firm-messages";
import { homeMessages } from "../home/home-messages";
import { importMessages } from "../imports/import-messages";
import { invitationMessages } from "../invitations/invitation-messages";
import { licenceMessages } from "../licences/licence-messages";

export const messages = mergeCatalogs(
  kitMessages,
  homeMessages,
  firmMessages,
  consentMessages,
  dossierMessages,
  contactMessages,
  invitationMessages,
  authMessages,
  licenceMessages,
  importMessages,
);

export type MessageKey = keyof typeof messages.fr;
export type T = Translator<MessageKey>;

export const translate = (locale: Locale): T => translator(messages, locale);
