import { defineMessages } from "@sesame/kit/i18n/i18n";

export const homeMessages = defineMessages(
  {
    "home.title": "Espace collaboratif",
    "home.lead":
      "L'espace où votre cabinet comptable et vous échangez documents et demandes. Connectez-vous avec votre compte Microsoft.",
    "home.terms": "Conditions d'utilisation",
  },
  {
    "home.title": "Collaborative space",
    "home.lead":
      "Where your accounting firm and you exchange documents and requests. Sign in with your Microsoft account.",
    "home.terms": "Terms of use",
  },
);
