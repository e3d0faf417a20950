import { defineMessages } from "@sesame/kit/i18n/i18n";

/** "Stay signed in?" and the account picker, in Microsoft's words. */
export const sessionChoiceMessages = defineMessages(
  {
    "kmsi.title": "Rester connecté ?",
    "kmsi.lead": "Faites cela pour réduire le nombre de fois où vous êtes invité à vous connecter.",
    "kmsi.dontShow": "Ne plus afficher ce message",
    "kmsi.yes": "Oui",
    "kmsi.no": "Non",
    "kmsi.expired": "Cette connexion n'est plus valide. Connectez-vous à nouveau.",
    "picker.title": "Choisir un compte",
    "picker.signedIn": "Connecté",
    "picker.use": "Continuer en tant que {email}",
    "picker.other": "Utiliser un autre compte",
    "picker.signout": "Se déconnecter de {email}",
    "picker.none": "Aucun compte n'est connecté sur ce navigateur.",
  },
  {
    "kmsi.title": "Stay signed in?",
    "kmsi.lead": "Do this to reduce the number of times you are asked to sign in.",
    "kmsi.dontShow": "Don't show this again",
    "kmsi.yes": "Yes",
    "kmsi.no": "No",
    "kmsi.expired": "This sign-in is no longer valid. Sign in again.",
    "picker.title": "Pick an account",
    "picker.signedIn": "Signed in",
    "picker.use": "Continue as {email}",
    "picker.other": "Use another account",
    "picker.signout": "Sign out of {email}",
    "picker.none": "No account is signed in on this browser.",
  },
);
