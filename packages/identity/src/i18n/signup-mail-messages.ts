import { defineMessages } from "@sesame/kit/i18n/i18n";

/** The wording of the seed's verification mail, and the welcome mail. */
export const signupMailMessages = defineMessages(
  {
    "signup.mail.sender": "Équipe des comptes Sésame",
    "signup.mail.verify.subject": "Vérifier votre adresse courriel",
    "signup.mail.verify.brand": "Compte Microsoft",
    "signup.mail.verify.intro":
      "Pour terminer la configuration de votre compte Microsoft, nous devons nous assurer que cette adresse courriel vous appartient.",
    "signup.mail.verify.code": "Pour vérifier votre adresse courriel, utilisez ce code de sécurité : {code}",
    "signup.mail.verify.ignore":
      "Si vous n'avez demandé aucun code, vous pouvez ignorer ce courriel. Un autre utilisateur a peut-être indiqué votre adresse courriel par erreur.",
    "signup.mail.thanks": "Merci,",
    "signup.mail.signature": "L'équipe des comptes Sésame",
    "signup.mail.welcome.subject": "Bienvenue dans votre compte Microsoft",
    "signup.mail.welcome.title": "Bienvenue !",
    "signup.mail.welcome.body":
      "Votre compte {email} est prêt. Utilisez-le pour vous connecter à l'espace collaboratif de votre cabinet et aux autres services.",
    "signup.mail.welcome.manage": "Gérer votre compte : {url}",
  },
  {
    "signup.mail.sender": "Sésame account team",
    "signup.mail.verify.subject": "Verify your email address",
    "signup.mail.verify.brand": "Microsoft account",
    "signup.mail.verify.intro":
      "To finish setting up your Microsoft account, we just need to make sure this email address is yours.",
    "signup.mail.verify.code": "To verify your email address use this security code: {code}",
    "signup.mail.verify.ignore":
      "If you didn't request this code, you can safely ignore this email. Someone else might have typed your email address by mistake.",
    "signup.mail.thanks": "Thanks,",
    "signup.mail.signature": "The Sésame account team",
    "signup.mail.welcome.subject": "Welcome to your Microsoft account",
    "signup.mail.welcome.title": "Welcome!",
    "signup.mail.welcome.body":
      "Your account {email} is ready. Use it to sign in to your accounting firm's collaborative space and other services.",
    "signup.mail.welcome.manage": "Manage your account: {url}",
  },
);
