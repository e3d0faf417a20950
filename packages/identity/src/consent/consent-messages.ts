import { defineMessages } from "@sesame/kit/i18n/i18n";

export const consentMessages = defineMessages(
  {
    "consent.title": "Autorisations demandées",
    "consent.app": "{app}",
    "consent.publisher": "Éditeur : {publisher}",
    "consent.intro": "Cette application souhaite :",
    "consent.account": "Compte : {email}",
    "consent.explain":
      "En acceptant, vous autorisez cette application à utiliser vos données comme indiqué dans ses conditions d'utilisation et sa déclaration de confidentialité. Vous pouvez modifier ces autorisations depuis votre compte.",
    "consent.accept": "Accepter",
    "consent.cancel": "Annuler",
  },
  {
    "consent.title": "Permissions requested",
    "consent.app": "{app}",
    "consent.publisher": "Publisher: {publisher}",
    "consent.intro": "This app would like to:",
    "consent.account": "Account: {email}",
    "consent.explain":
      "Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement. You can change these permissions from your account.",
    "consent.accept": "Accept",
    "consent.cancel": "Cancel",
  },
);
