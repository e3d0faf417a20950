import { defineMessages, mergeCatalogs } from "@sesame/kit/i18n/i18n";
import { accountMessages } from "./account-messages";
import { lockoutMessages } from "./lockout-messages";
import { passwordResetMessages } from "./password-reset-messages";
import { sessionChoiceMessages } from "./session-choice-messages";

const loginMessages = defineMessages(
  {
    "signin.title": "Se connecter",
    "signin.email": "Adresse courriel, téléphone ou identifiant Skype",
    "signin.emailInvalid": "Entrez une adresse courriel valide.",
    "signin.noAccount": "Vous n'avez pas de compte ?",
    "signin.create": "Créez-en un !",
    "signin.next": "Suivant",
    "signin.passwordTitle": "Entrez le mot de passe",
    "signin.password": "Mot de passe",
    "signin.showPassword": "Afficher le mot de passe",
    "signin.submit": "Se connecter",
    "signin.forgot": "Mot de passe oublié ?",
    "signin.wrong":
      "Votre compte ou mot de passe est incorrect. Si vous ne vous souvenez pas de votre mot de passe, réinitialisez-le maintenant.",
    "signin.back": "Retour",
    "signin.personal": "Compte Microsoft personnel",
    "signin.work": "Connectez-vous avec votre compte professionnel",
    "signin.workGeneric": "Compte professionnel ou scolaire",
    "signin.disabledTitle": "Compte désactivé",
    "signin.disabled":
      "Ce compte d'utilisateur est désactivé. Contactez votre administrateur ou le support pour le réactiver.",
    "update.title": "Mettre à jour votre mot de passe",
    "update.lead":
      "Vous devez mettre à jour votre mot de passe, car il s'agit de votre première connexion ou parce que votre administrateur l'a demandé.",
    "update.current": "Mot de passe actuel",
    "update.new": "Nouveau mot de passe",
    "update.confirm": "Confirmer le mot de passe",
    "update.mismatch": "Les mots de passe ne correspondent pas. Tapez-les à nouveau.",
    "update.same": "Choisissez un nouveau mot de passe, différent de l'actuel.",
  },
  {
    "signin.title": "Sign in",
    "signin.email": "Email, phone, or Skype",
    "signin.emailInvalid": "Enter a valid email address.",
    "signin.noAccount": "No account?",
    "signin.create": "Create one!",
    "signin.next": "Next",
    "signin.passwordTitle": "Enter password",
    "signin.password": "Password",
    "signin.showPassword": "Show password",
    "signin.submit": "Sign in",
    "signin.forgot": "Forgot password?",
    "signin.wrong":
      "Your account or password is incorrect. If you don't remember your password, reset it now.",
    "signin.back": "Back",
    "signin.personal": "Personal Microsoft account",
    "signin.work": "Sign in with your work account",
    "signin.workGeneric": "Work or school account",
    "signin.disabledTitle": "Account disabled",
    "signin.disabled":
      "The user account is disabled. Contact your administrator or support to enable it again.",
    "update.title": "Update your password",
    "update.lead":
      "You need to update your password because this is the first time you are signing in, or because your administrator asked for it.",
    "update.current": "Current password",
    "update.new": "New password",
    "update.confirm": "Confirm password",
    "update.mismatch": "The passwords don't match. Type them again.",
    "update.same": "Choose a new password, different from the current one.",
  },
);

export const signinMessages = mergeCatalogs(
  loginMessages,
  sessionChoiceMessages,
  accountMessages,
  lockoutMessages,
  passwordResetMessages,
);
