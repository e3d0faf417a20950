import { defineMessages } from "../i18n/i18n";

/** Text used by the shared layout and the shared error pages of both services. */
export const kitMessages = defineMessages(
  {
    "layout.skip": "Aller au contenu",
    "layout.language": "Langue",
    "layout.switchTo": "English",
    "layout.footer": "Sésame · Conditions d'utilisation · Confidentialité",
    "layout.terms": "Contrat de services",
    "layout.privacy": "Confidentialité et cookies",
    "error.title": "Une erreur s'est produite",
    "error.notFound": "Cette page n'existe pas.",
    "error.csrf":
      "Ce formulaire a expiré ou n'a pas été envoyé depuis cette page. Rechargez la page et réessayez.",
    "error.badRequest": "La demande n'est pas valide.",
    "error.invalidCharacters": "La demande contient des caractères non autorisés (caractère nul).",
    "error.tooMany": "Trop de tentatives. Patientez un moment avant de réessayer.",
    "error.unavailable": "Le service est momentanément indisponible. Réessayez dans quelques instants.",
    "error.internal":
      "Une erreur inattendue s'est produite. Réessayez ; si le problème persiste, contactez le support.",
    "error.undeliverableAddress":
      "L'adresse « {address} » ne peut pas recevoir de courriel : utilisez une adresse de la forme nom@domaine.fr, sans espace ni guillemets.",
    "error.back": "Retour à l'accueil",
    "error.reference": "Référence : {id}",
  },
  {
    "layout.skip": "Skip to content",
    "layout.language": "Language",
    "layout.switchTo": "Français",
    "layout.footer": "Sésame · Terms of use · Privacy",
    "layout.terms": "Services Agreement",
    "layout.privacy": "Privacy and cookies",
    "error.title": "Something went wrong",
    "error.notFound": "This page does not exist.",
    "error.csrf": "This form has expired or was not sent from this page. Reload the page and try again.",
    "error.badRequest": "The request is not valid.",
    "error.invalidCharacters": "The request contains characters that are not allowed (a null character).",
    "error.tooMany": "Too many attempts. Wait a moment before trying again.",
    "error.unavailable": "The service is temporarily unavailable. Try again in a few moments.",
    "error.internal": "Something unexpected went wrong. Try again; if it keeps happening, contact support.",
    "error.undeliverableAddress":
      "The address “{address}” cannot receive mail: use an address such as name@example.com, without spaces or quotes.",
    "error.back": "Back to the home page",
    "error.reference": "Reference: {id}",
  },
);

export type KitMessageKey = keyof typeof kitMessages.fr;
