import { defineMessages } from "@sesame/kit/i18n/i18n";

/** AADSTS50053, in Microsoft's words. */
export const lockoutMessages = defineMessages(
  {
    "lockout.title": "Compte temporairement verrouillé",
    "lockout.message":
      "Vous avez essayé de vous connecter trop de fois avec un identifiant ou un mot de passe incorrect.",
    "lockout.retry": "Réessayez dans {minutes} minute(s), ou réinitialisez votre mot de passe.",
  },
  {
    "lockout.title": "Account temporarily locked",
    "lockout.message": "You've tried to sign in too many times with an incorrect user ID or password.",
    "lockout.retry": "Try again in {minutes} minute(s), or reset your password.",
  },
);
