import { type Locale, mergeCatalogs, type Translator, translator } from "@sesame/kit/i18n/i18n";
import { kitMessages } from "@sesame/kit/ui/kit-messages";
import { activityMessages } from "./activity-messages";
import { approvalMessages } from "./approval-messages";
import { authMessages } from "./auth-messages";
import { brandingMessages } from "./branding-messages";
import { consentMessages } from "./consent-messages";
import { contactMessages } from "./contact-messages";
import { dashboardMessages } from "./dashboard-messages";
import { documentMessages } from "./document-messages";
import { dossierMessages } from "./dossier-messages";
import { firmMessages } from "./firm-messages";
import { flashMessages } from "./flash-messages";
import { guestMessages } from "./guest-messages";
import { homeMessages } from "./home-messages";
import { importMessages } from "./import-messages";
import { invitationMessages } from "./invitation-messages";
import { journalMessages } from "./journal-messages";
import { licenceMessages } from "./licence-messages";
import { messageMessages } from "./message-messages";
import { notificationMessages } from "./notification-messages";
import { reminderMessages } from "./reminder-messages";
import { requestMessages } from "./request-messages";
import { uploadLinkMessages } from "./upload-link-messages";

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
  documentMessages,
  reminderMessages,
  dashboardMessages,
  journalMessages,
  flashMessages,
  notificationMessages,
  requestMessages,
  guestMessages,
  messageMessages,
  approvalMessages,
  brandingMessages,
  activityMessages,
  uploadLinkMessages,
);

export type MessageKey = keyof typeof messages.fr;
export type T = Translator<MessageKey>;

export const translate = (locale: Locale): T => translator(messages, locale);
