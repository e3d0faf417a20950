import { defineMessages } from "@sesame/kit/i18n/i18n";

/** Closing an account from the account page, reopening it at sign-in, and its security mail. */
export const deletionMessages = defineMessages(
  {
    "deletion.section": "Fermer votre compte",
    "deletion.sectionLead":
      "Vous pouvez fermer votre compte : vos données sont supprimées définitivement après un délai de 30 jours, pendant lequel vous pouvez changer d'avis.",
    "deletion.open": "Fermer mon compte…",
    "deletion.workAccount":
      "Ce compte professionnel appartient à votre organisation : seul un de ses administrateurs peut le supprimer.",
    "deletion.title": "Fermer votre compte",
    "deletion.lead": "Voici ce qui va se passer si vous fermez le compte {email} :",
    "deletion.step.now":
      "Vous serez déconnecté sur tous vos appareils, et les applications perdront l'accès à votre compte dès maintenant.",
    "deletion.step.grace":
      "Jusqu'au {date}, vous pourrez rouvrir votre compte : il suffira de vous connecter.",
    "deletion.step.erase":
      "Ensuite, vos données personnelles seront effacées définitivement : profil, sessions, applications autorisées, facteurs de sécurité et courriels. Seule une trace anonyme restera dans les journaux d'audit.",
    "deletion.step.export": "Pensez à télécharger vos données avant de fermer votre compte.",
    "deletion.password": "Mot de passe",
    "deletion.passwordHelp": "Pour confirmer que c'est bien vous, saisissez votre mot de passe.",
    "deletion.confirm": "Je comprends que mon compte et mes données seront supprimés le {date}.",
    "deletion.submit": "Fermer mon compte",
    "deletion.keep": "Ne pas fermer mon compte",
    "deletion.error.confirm": "Cochez la case pour confirmer que vous voulez fermer votre compte.",
    "deletion.error.password": "Mot de passe incorrect.",
    "deletion.error.already": "La fermeture de ce compte est déjà demandée.",
    "deletion.done.title": "Votre compte est fermé",
    "deletion.done.lead":
      "Le compte {email} sera supprimé définitivement le {date}. D'ici là, vous pouvez le rouvrir en vous connectant.",
    "deletion.reopen.title": "Rouvrir votre compte ?",
    "deletion.reopen.lead":
      "La fermeture de ce compte a été demandée le {requested}. Il sera supprimé définitivement le {due}.",
    "deletion.reopen.yes": "Rouvrir mon compte",
    "deletion.reopen.no": "Laisser le compte fermé",
    "deletion.reopen.kept":
      "Votre compte reste fermé. Il sera supprimé définitivement le {date}. Vous êtes déconnecté.",
    "deletion.reopen.expired": "Cette page a expiré. Connectez-vous de nouveau pour rouvrir votre compte.",
    "deletion.mail.subject": "Fermeture de votre compte Sésame",
    "deletion.mail.body":
      "La fermeture du compte {email} a été demandée le {date}. Il sera supprimé définitivement le {due}. Pour le garder, connectez-vous avant cette date et choisissez de le rouvrir.",
  },
  {
    "deletion.section": "Close your account",
    "deletion.sectionLead":
      "You can close your account: your data is deleted for good after 30 days, during which you can change your mind.",
    "deletion.open": "Close my account…",
    "deletion.workAccount":
      "This work account belongs to your organization: only one of its administrators can delete it.",
    "deletion.title": "Close your account",
    "deletion.lead": "Here is what happens if you close the account {email}:",
    "deletion.step.now":
      "You'll be signed out on all your devices, and applications lose access to your account right away.",
    "deletion.step.grace": "Until {date}, you can reopen your account: just sign in.",
    "deletion.step.erase":
      "After that, your personal data is erased for good: profile, sessions, allowed applications, security methods and mail. Only an anonymous trace stays in the audit logs.",
    "deletion.step.export": "Consider downloading your data before you close your account.",
    "deletion.password": "Password",
    "deletion.passwordHelp": "To confirm it's you, enter your password.",
    "deletion.confirm": "I understand that my account and my data will be deleted on {date}.",
    "deletion.submit": "Close my account",
    "deletion.keep": "Don't close my account",
    "deletion.error.confirm": "Tick the box to confirm that you want to close your account.",
    "deletion.error.password": "Incorrect password.",
    "deletion.error.already": "Closing this account has already been requested.",
    "deletion.done.title": "Your account is closed",
    "deletion.done.lead":
      "The account {email} will be deleted for good on {date}. Until then, you can reopen it by signing in.",
    "deletion.reopen.title": "Reopen your account?",
    "deletion.reopen.lead":
      "Closing this account was requested on {requested}. It will be deleted for good on {due}.",
    "deletion.reopen.yes": "Reopen my account",
    "deletion.reopen.no": "Keep it closed",
    "deletion.reopen.kept":
      "Your account stays closed. It will be deleted for good on {date}. You are signed out.",
    "deletion.reopen.expired": "This page has expired. Sign in again to reopen your account.",
    "deletion.mail.subject": "Closing your Sésame account",
    "deletion.mail.body":
      "Closing the account {email} was requested on {date}. It will be deleted for good on {due}. To keep it, sign in before that date and choose to reopen it.",
  },
);
