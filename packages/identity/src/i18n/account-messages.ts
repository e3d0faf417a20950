import { defineMessages } from "@sesame/kit/i18n/i18n";

/** The account page and sign-out. */
export const accountMessages = defineMessages(
  {
    "account.title": "Votre compte",
    "account.signedInAs": "Vous êtes connecté en tant que {email}.",
    "account.name": "Nom",
    "account.email": "Adresse courriel",
    "account.country": "Pays/région",
    "account.signout": "Se déconnecter",
    "account.mail": "Courrier",
    "account.openMail": "Ouvrir votre boîte aux lettres",
    "account.switch": "Changer de compte",
    "signout.done": "Vous êtes déconnecté.",
  },
  {
    "account.title": "Your account",
    "account.signedInAs": "You are signed in as {email}.",
    "account.name": "Name",
    "account.email": "Email address",
    "account.country": "Country/region",
    "account.signout": "Sign out",
    "account.mail": "Mail",
    "account.openMail": "Open your mailbox",
    "account.switch": "Switch account",
    "signout.done": "You have signed out.",
  },
);
