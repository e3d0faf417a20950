import { type Locale, mergeCatalogs, type Translator, translator } from "@sesame/kit/i18n/i18n";
import { kitMessages } from "@sesame/kit/ui/kit-messages";
import { homeMessages } from "../home/home-messages";

export const messages = mergeCatalogs(kitMessages, homeMessages);

export type MessageKey = keyof typeof messages.fr;
export type T = Translator<MessageKey>;

export const translate = (locale: Locale): T => translator(messages, locale);
