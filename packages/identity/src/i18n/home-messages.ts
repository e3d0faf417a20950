import { defineMessages } from "@sesame/kit/i18n/i18n";

export const homeMessages = defineMessages(
  {
    "home.title": "Compte Microsoft",
    "home.lead":
      "Un seul compte pour tous les services : votre espace collaboratif, votre messagerie et plus encore.",
    "home.create": "Créer un compte Microsoft",
    "home.signin": "Se connecter",
    "home.signedInAs": "Connecté en tant que {email}",
    "home.goAccount": "Accéder à mon compte",
    "terms.title": "Contrat de services",
    "terms.body":
      "Le service Sésame vous donne un compte pour vous connecter aux applications de votre cabinet comptable. Vous êtes responsable de la confidentialité de votre mot de passe. Vous pouvez supprimer votre compte à tout moment depuis la page de votre compte.",
    "privacy.title": "Déclaration sur la confidentialité et les cookies",
    "privacy.body":
      "Nous conservons votre adresse courriel, votre nom, votre pays et votre date de naissance pour gérer votre compte. Nous utilisons uniquement des cookies nécessaires : session, langue et protection des formulaires. Vos données ne sont jamais vendues ; vous pouvez les exporter ou les supprimer depuis votre compte.",
  },
  {
    "home.title": "Microsoft account",
    "home.lead": "One account for every service: your collaborative space, your mailbox and more.",
    "home.create": "Create a Microsoft account",
    "home.signin": "Sign in",
    "home.signedInAs": "Signed in as {email}",
    "home.goAccount": "Go to my account",
    "terms.title": "Services Agreement",
    "terms.body":
      "The Sésame service gives you an account to sign in to your accounting firm's applications. You are responsible for keeping your password confidential. You can delete your account at any time from your account page.",
    "privacy.title": "Privacy and cookies statement",
    "privacy.body":
      "We keep your email address, name, country and birth date to manage your account. We only use necessary cookies: session, language and form protection. Your data is never sold; you can export or delete it from your account.",
  },
);
