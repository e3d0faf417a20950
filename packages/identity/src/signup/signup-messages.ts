import { defineMessages } from "@sesame/kit/i18n/i18n";

export const signupMessages = defineMessages({}, {});
