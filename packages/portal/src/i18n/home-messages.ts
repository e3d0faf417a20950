import { defineMessages } from "@sesame/kit/i18n/i18n";

export const homeMessages = defineMessages(
  {
    "home.title": "Espace collaboratif",
    "home.lead":
      "L'espace où votre cabinet comptable et vous échangez documents et demandes. Connectez-vous avec votre compte Microsoft.",
    "home.firms": "Accéder à l'espace de votre cabinet",
    "home.signedOut": "Vous êtes déconnecté.",
    "home.signInAgain": "Se reconnecter à l'espace de {firm}",
    "home.terms": "Conditions d'utilisation",
    "home.termsBody":
      "L'espace collaboratif est mis à votre disposition par votre cabinet comptable pour échanger documents, demandes et messages sur vos dossiers. Vous vous y connectez avec votre compte Microsoft ; vous ne voyez que les dossiers auxquels votre cabinet vous a donné accès, avec les droits qu'il vous a donnés.",
    "home.privacy": "Confidentialité et cookies",
    "home.privacyBody":
      "Votre cabinet conserve votre nom, votre adresse courriel, votre téléphone et l'historique de vos échanges pour gérer vos dossiers. Votre compte Microsoft n'est utilisé que pour vous identifier. Seuls des cookies nécessaires sont utilisés : session, langue et protection des formulaires.",
  },
  {
    "home.title": "Collaborative space",
    "home.lead":
      "Where your accounting firm and you exchange documents and requests. Sign in with your Microsoft account.",
    "home.firms": "Go to your firm's space",
    "home.signedOut": "You are signed out.",
    "home.signInAgain": "Sign in again to the space of {firm}",
    "home.terms": "Terms of use",
    "home.termsBody":
      "Your accounting firm provides the collaborative space to exchange documents, requests and messages about your files. You sign in with your Microsoft account; you only see the files your firm gave you access to, with the rights it gave you.",
    "home.privacy": "Privacy and cookies",
    "home.privacyBody":
      "Your firm keeps your name, email address, phone number and the history of your exchanges to manage your files. Your Microsoft account is only used to identify you. Only necessary cookies are used: session, language and form protection.",
  },
);
