import { defineMessages } from "@sesame/kit/i18n/i18n";

export const adminConsentMessages = defineMessages(
  {
    "adminConsent.onBehalf": "Consentir au nom de votre organisation",
    "adminConsent.onBehalfHint":
      "En cochant cette case, vous accordez ces autorisations à cette application pour tous les utilisateurs de {tenant}. Ils ne verront pas de demande de consentement.",
    "adminConsent.forOrganization":
      "Vous accordez ces autorisations à cette application pour tous les utilisateurs de {tenant}. Ils ne verront pas de demande de consentement.",
    "adminConsent.appPermissions": "Autorisations de l'application (sans utilisateur connecté) :",
    "adminConsent.adminCode": "Code d'erreur : AADSTS90094",
    "adminConsent.commonTitle": "Adresse de consentement incorrecte",
    "adminConsent.commonText":
      "Le consentement administrateur doit désigner une organisation : remplacez « common » par l'identifiant ou le domaine de votre organisation, ou par « organizations ».",
  },
  {
    "adminConsent.onBehalf": "Consent on behalf of your organization",
    "adminConsent.onBehalfHint":
      "If you check this box, you grant these permissions to this app for all users in {tenant}. They will not see a consent prompt.",
    "adminConsent.forOrganization":
      "You grant these permissions to this app for all users in {tenant}. They will not see a consent prompt.",
    "adminConsent.appPermissions": "Application permissions (no signed-in user):",
    "adminConsent.adminCode": "Error code: AADSTS90094",
    "adminConsent.commonTitle": "Wrong admin consent address",
    "adminConsent.commonText":
      "Admin consent must name an organization: replace “common” with your organization's ID or domain, or with “organizations”.",
  },
);
