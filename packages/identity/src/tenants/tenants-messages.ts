import { defineMessages } from "@sesame/kit/i18n/i18n";

export const tenantsMessages = defineMessages({}, {});
