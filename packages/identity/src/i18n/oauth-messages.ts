import { defineMessages, mergeCatalogs } from "@sesame/kit/i18n/i18n";
import { consentMessages } from "./consent-messages";

const protocolMessages = defineMessages(
  {
    "oauth.error.title": "Désolé, nous ne pouvons pas vous connecter",
    "oauth.error.intro":
      "L'application a envoyé une demande de connexion que nous ne pouvons pas accepter. Revenez à l'application et réessayez ; si le problème persiste, transmettez les informations ci-dessous à son éditeur.",
    "oauth.error.details": "Détails techniques",
    "oauth.error.code": "Code d'erreur",
    "oauth.error.trace": "ID de suivi",
    "oauth.error.correlation": "ID de corrélation",
    "oauth.error.timestamp": "Horodatage",
    "oauth.formPost.title": "Retour à l'application",
    "oauth.formPost.continue": "Continuer",
    "oauth.logout.title": "Vous êtes déconnecté",
    "oauth.logout.text":
      "Vous êtes déconnecté de votre compte. Nous vous conseillons de fermer toutes les fenêtres du navigateur.",
    "oauth.logout.back": "Revenir à l'application",
    "oauth.device.title": "Entrer le code",
    "oauth.device.intro":
      "Entrez le code affiché sur votre appareil ou dans votre application pour l'autoriser à accéder à votre compte.",
    "oauth.device.code": "Code",
    "oauth.device.next": "Suivant",
    "oauth.device.unknown":
      "Ce code n'est pas valide ou a expiré. Vérifiez-le, ou demandez un nouveau code à l'application.",
    "oauth.device.done": "Vous êtes connecté à {app} sur votre appareil. Vous pouvez fermer cette fenêtre.",
    "oauth.device.declined": "Vous avez refusé la connexion. Vous pouvez fermer cette fenêtre.",
  },
  {
    "oauth.error.title": "Sorry, we can't sign you in",
    "oauth.error.intro":
      "The application sent a sign-in request we cannot accept. Go back to the application and try again; if it keeps happening, send the details below to its publisher.",
    "oauth.error.details": "Technical details",
    "oauth.error.code": "Error code",
    "oauth.error.trace": "Trace ID",
    "oauth.error.correlation": "Correlation ID",
    "oauth.error.timestamp": "Timestamp",
    "oauth.formPost.title": "Back to the application",
    "oauth.formPost.continue": "Continue",
    "oauth.logout.title": "You signed out of your account",
    "oauth.logout.text": "You are signed out of your account. It's a good idea to close all browser windows.",
    "oauth.logout.back": "Back to the application",
    "oauth.device.title": "Enter code",
    "oauth.device.intro":
      "Enter the code displayed on your device or in your app to allow it to access your account.",
    "oauth.device.code": "Code",
    "oauth.device.next": "Next",
    "oauth.device.unknown":
      "This code is not valid or has expired. Check it, or ask the application for a new code.",
    "oauth.device.done": "You have signed in to {app} on your device. You may now close this window.",
    "oauth.device.declined": "You declined the sign-in. You may now close this window.",
  },
);

export const oauthMessages = mergeCatalogs(protocolMessages, consentMessages);
