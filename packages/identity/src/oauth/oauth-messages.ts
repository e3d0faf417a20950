import { defineMessages } from "@sesame/kit/i18n/i18n";

export const oauthMessages = defineMessages({}, {});
