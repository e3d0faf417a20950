import { defineMessages } from "@sesame/kit/i18n/i18n";

/** Security mails ("new sign-in", "password changed") and their "This wasn't me" page. */
export const securityMessages = defineMessages(
  {
    "security.mail.newSignIn.subject": "Nouvelle connexion à votre compte Sésame",
    "security.mail.newSignIn.body":
      "Une connexion au compte {email} a eu lieu le {date} depuis un appareil que nous ne connaissions pas : {device}, lieu approximatif {place}, adresse IP {ip}.",
    "security.mail.passwordChanged.subject": "Le mot de passe de votre compte Sésame a été modifié",
    "security.mail.passwordChanged.body": "Le mot de passe du compte {email} a été modifié le {date}.",
    "security.mail.ifYou": "Si c'était vous, vous n'avez rien à faire.",
    "security.mail.notMe": "Si ce n'était pas vous, sécurisez votre compte : {url}",
    "security.mail.notMeLink": "Ce n'était pas moi",
    "security.mail.unknownDevice": "navigateur inconnu",
    "security.notMe.title": "Sécuriser votre compte",
    "security.notMe.lead":
      "Nous allons déconnecter votre compte sur tous vos appareils et retirer l'accès que les applications avaient obtenu, puis vous aider à choisir un nouveau mot de passe.",
    "security.notMe.submit": "Sécuriser mon compte",
    "security.notMe.invalid":
      "Ce lien n'est plus valide (déjà utilisé ou trop ancien). Si vous pensez que quelqu'un utilise votre compte, réinitialisez votre mot de passe.",
    "security.notMe.reset": "Réinitialiser mon mot de passe",
  },
  {
    "security.mail.newSignIn.subject": "New sign-in to your Sésame account",
    "security.mail.newSignIn.body":
      "The account {email} was signed in to on {date} from a device we didn't know: {device}, approximate place {place}, IP address {ip}.",
    "security.mail.passwordChanged.subject": "Your Sésame account password was changed",
    "security.mail.passwordChanged.body": "The password of the account {email} was changed on {date}.",
    "security.mail.ifYou": "If this was you, there's nothing to do.",
    "security.mail.notMe": "If this wasn't you, secure your account: {url}",
    "security.mail.notMeLink": "This wasn't me",
    "security.mail.unknownDevice": "unknown browser",
    "security.notMe.title": "Secure your account",
    "security.notMe.lead":
      "We'll sign your account out on all your devices and remove the access applications obtained, then help you choose a new password.",
    "security.notMe.submit": "Secure my account",
    "security.notMe.invalid":
      "This link is no longer valid (already used or too old). If you think someone is using your account, reset your password.",
    "security.notMe.reset": "Reset my password",
  },
);
