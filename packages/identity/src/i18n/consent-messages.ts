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
    "consent.adminTitle": "Approbation de l'administrateur requise",
    "consent.adminText":
      "{app} a besoin d'autorisations que seul un administrateur de votre organisation peut accorder. Demandez à votre administrateur d'approuver cette application, puis réessayez.",
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
    "consent.adminTitle": "Need admin approval",
    "consent.adminText":
      "{app} needs permission to access resources in your organization that only an admin can grant. Ask an admin to grant permission to this app before you can use it.",
  },
);
