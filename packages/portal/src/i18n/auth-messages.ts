import { defineMessages } from "@sesame/kit/i18n/i18n";

export const authMessages = defineMessages(
  {
    "auth.staff.title": "Connexion du cabinet",
    "auth.staff.lead": "Membres de {firm} : connectez-vous avec votre compte Microsoft 365 professionnel.",
    "auth.contact.hint":
      "Vous êtes client du cabinet ? Utilisez le lien reçu par courriel, ou connectez-vous si votre compte est déjà activé.",
    "auth.button": "Se connecter avec Microsoft",
    "auth.contact.button": "Espace client : se connecter avec Microsoft",
    "auth.failed.title": "Connexion impossible",
    "auth.failed.not_staff":
      "Ce compte Microsoft ne fait pas partie de l'équipe du cabinet. Demandez à un administrateur du cabinet de vous ajouter.",
    "auth.failed.not_invited":
      "Ce compte Microsoft n'est relié à aucun interlocuteur du cabinet. Ouvrez le lien d'invitation reçu par courriel pour votre première connexion.",
    "auth.failed.invitation_invalid":
      "L'invitation a expiré, a été annulée ou a déjà servi. Demandez au cabinet de vous la renvoyer.",
    "auth.failed.email_mismatch":
      "Vous êtes connecté avec un autre compte Microsoft que celui de l'invitation. Déconnectez-vous de Microsoft, puis reprenez le lien avec l'adresse invitée.",
    "auth.failed.tenant_mismatch":
      "Ce compte n'appartient pas à l'organisation attendue. Connectez-vous avec le compte professionnel de l'invitation.",
    "auth.failed.already_bound":
      "Cette invitation est déjà reliée à un autre compte Microsoft. Contactez le cabinet.",
    "auth.failed.expired": "La connexion a pris trop de temps ou a déjà été utilisée. Recommencez.",
    "auth.failed.denied":
      "La connexion a été refusée ou annulée chez Microsoft. Recommencez ; si votre organisation n'a pas approuvé l'application, suivez le guide reçu par courriel.",
    "auth.failed.protocol": "La réponse de Microsoft n'a pas pu être vérifiée. Recommencez la connexion.",
    "auth.failed.unavailable":
      "Le service de connexion Microsoft ne répond pas pour l'instant. Réessayez dans quelques instants.",
    "auth.retry": "Recommencer",
    "space.title": "Mon espace",
    "space.welcome": "Bonjour {name}",
    "space.dossiers": "Mes dossiers",
    "space.none": "Le cabinet ne vous a pas encore ouvert de dossier.",
    "space.profile": "Mon profil",
    "space.account": "Compte Microsoft : {email}",
    "space.firm": "Cabinet : {firm}",
    "space.signOut": "Se déconnecter",
    "space.licences": "Demander des licences Microsoft 365",
  },
  {
    "auth.staff.title": "Firm sign-in",
    "auth.staff.lead": "Staff of {firm}: sign in with your work Microsoft 365 account.",
    "auth.contact.hint":
      "A client of the firm? Use the link you received by email, or sign in if your account is already active.",
    "auth.button": "Sign in with Microsoft",
    "auth.contact.button": "Client space: sign in with Microsoft",
    "auth.failed.title": "Cannot sign in",
    "auth.failed.not_staff":
      "This Microsoft account is not on the firm's staff. Ask a firm administrator to add you.",
    "auth.failed.not_invited":
      "This Microsoft account is not linked to any contact of the firm. Open the invitation link you received by email for your first sign-in.",
    "auth.failed.invitation_invalid":
      "The invitation has expired, was cancelled or has already been used. Ask the firm to send it again.",
    "auth.failed.email_mismatch":
      "You are signed in with another Microsoft account than the invited one. Sign out of Microsoft, then open the link again with the invited address.",
    "auth.failed.tenant_mismatch":
      "This account does not belong to the expected organization. Sign in with the work account of the invitation.",
    "auth.failed.already_bound":
      "This invitation is already linked to another Microsoft account. Contact the firm.",
    "auth.failed.expired": "The sign-in took too long or was already used. Start again.",
    "auth.failed.denied":
      "The sign-in was refused or cancelled at Microsoft. Start again; if your organization has not approved the application, follow the guide you received by email.",
    "auth.failed.protocol": "Microsoft's answer could not be verified. Start the sign-in again.",
    "auth.failed.unavailable":
      "The Microsoft sign-in service is not answering right now. Try again in a few moments.",
    "auth.retry": "Start again",
    "space.title": "My space",
    "space.welcome": "Hello {name}",
    "space.dossiers": "My client files",
    "space.none": "The firm has not opened a client file for you yet.",
    "space.profile": "My profile",
    "space.account": "Microsoft account: {email}",
    "space.firm": "Firm: {firm}",
    "space.signOut": "Sign out",
    "space.licences": "Request Microsoft 365 licences",
  },
);
