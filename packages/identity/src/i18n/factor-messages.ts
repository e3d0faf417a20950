import { defineMessages } from "@sesame/kit/i18n/i18n";

/** Second factors: the authenticator app, recovery codes, the sign-in step that asks for them. */
export const factorMessages = defineMessages(
  {
    "factor.title": "Vérifier votre identité",
    "factor.lead": "Entrez le code affiché dans votre application d’authentification.",
    "factor.code": "Code",
    "factor.recoveryHint": "Vous n’avez pas votre téléphone ? Entrez l’un de vos codes de récupération.",
    "factor.verify": "Vérifier",
    "factor.wrong":
      "Ce code est incorrect ou a déjà été utilisé. Entrez le code actuel de votre application.",
    "factor.expired": "Cette étape de connexion a expiré. Recommencez la connexion.",
    "totp.title": "Configurer votre application d’authentification",
    "totp.scan":
      "Scannez ce code QR avec votre application d’authentification (Microsoft Authenticator ou une autre).",
    "totp.qrAlt": "Code QR de configuration de l’application d’authentification",
    "totp.manual": "Impossible de scanner ? Entrez cette clé dans l’application :",
    "totp.enterCode": "Entrez ensuite le code à 6 chiffres affiché par l’application.",
    "totp.confirm": "Activer",
    "totp.wrong": "Ce code est incorrect. Vérifiez l’heure de votre téléphone et entrez le code actuel.",
    "totp.enabledTitle": "Application d’authentification activée",
    "totp.recoveryLead":
      "Conservez ces codes de récupération en lieu sûr. Chacun ne sert qu’une fois ; ils ne seront plus affichés.",
    "totp.recoveryList": "Codes de récupération",
    "totp.already": "Une application d’authentification est déjà configurée pour ce compte.",
    "totp.remove": "Supprimer l’application d’authentification",
    "totp.removed": "L’application d’authentification a été supprimée.",
    "totp.back": "Retour à votre compte",
    "totp.required":
      "Votre organisation exige une vérification en deux étapes pour les administrateurs : configurez une application d’authentification pour continuer.",
    "totp.continue": "Continuer",
    "totp.removeRefused":
      "Votre organisation exige une vérification en deux étapes pour les administrateurs : ce dernier moyen ne peut pas être supprimé.",
    "security.title": "Sécurité",
    "security.totpOn":
      "Application d’authentification : activée ({remaining} codes de récupération restants).",
    "security.totpOff": "Application d’authentification : non configurée.",
    "security.addTotp": "Configurer une application d’authentification",
  },
  {
    "factor.title": "Verify your identity",
    "factor.lead": "Enter the code displayed in your authenticator app.",
    "factor.code": "Code",
    "factor.recoveryHint": "Don't have your phone? Enter one of your recovery codes.",
    "factor.verify": "Verify",
    "factor.wrong": "That code is wrong or was already used. Enter the current code from your app.",
    "factor.expired": "This sign-in step has expired. Please sign in again.",
    "totp.title": "Set up your authenticator app",
    "totp.scan": "Scan this QR code with your authenticator app (Microsoft Authenticator or another).",
    "totp.qrAlt": "QR code to set up the authenticator app",
    "totp.manual": "Can't scan it? Enter this key in the app:",
    "totp.enterCode": "Then enter the 6-digit code the app shows.",
    "totp.confirm": "Turn on",
    "totp.wrong": "That code is wrong. Check your phone's time and enter the current code.",
    "totp.enabledTitle": "Authenticator app turned on",
    "totp.recoveryLead":
      "Keep these recovery codes somewhere safe. Each works once; they will not be shown again.",
    "totp.recoveryList": "Recovery codes",
    "totp.already": "An authenticator app is already set up for this account.",
    "totp.remove": "Remove the authenticator app",
    "totp.removed": "The authenticator app was removed.",
    "totp.back": "Back to your account",
    "totp.required":
      "Your organization requires two-step verification for administrators: set up an authenticator app to continue.",
    "totp.continue": "Continue",
    "totp.removeRefused":
      "Your organization requires two-step verification for administrators: this last method cannot be removed.",
    "security.title": "Security",
    "security.totpOn": "Authenticator app: on ({remaining} recovery codes left).",
    "security.totpOff": "Authenticator app: not set up.",
    "security.addTotp": "Set up an authenticator app",
  },
);
