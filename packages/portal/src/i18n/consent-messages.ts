import { defineMessages } from "@sesame/kit/i18n/i18n";

export const consentMessages = defineMessages(
  {
    "consent.success.title": "Application approuvée",
    "consent.success.lead":
      "Merci. Votre organisation a approuvé l'application de {firm}. Les personnes de votre organisation peuvent maintenant se connecter à l'espace collaboratif avec leur compte Microsoft 365.",
    "consent.success.by": "Approuvée par {name} le {date}.",
    "consent.success.next": "Vous pouvez fermer cette page, ou revenir à l'espace collaboratif :",
    "consent.success.signin": "se connecter à l'espace collaboratif",
    "consent.failed.title": "L'approbation n'a pas abouti",
    "consent.problem.declined":
      "L'autorisation a été refusée : l'application du cabinet n'a pas été approuvée. Si c'était une erreur, ouvrez à nouveau le lien d'approbation et choisissez « Accepter ».",
    "consent.problem.cancelled":
      "La demande a été annulée avant la fin. Ouvrez à nouveau le lien d'approbation pour recommencer.",
    "consent.problem.needs_admin":
      "Votre compte n'a pas le droit d'approuver une application pour toute l'organisation. Transmettez le lien d'approbation à un Administrateur général ou à un Administrateur d'application de votre compte Microsoft 365.",
    "consent.problem.wrong_tenant":
      "Le compte utilisé n'appartient pas à l'organisation concernée. Déconnectez-vous de Microsoft, puis ouvrez le lien avec un compte administrateur de votre organisation.",
    "consent.problem.app_not_found":
      "L'application du cabinet est introuvable chez Microsoft. Prévenez le cabinet : son inscription d'application doit être vérifiée.",
    "consent.problem.not_consented":
      "L'application n'a pas encore été approuvée pour votre organisation. Un Administrateur général ou un Administrateur d'application doit ouvrir le lien d'approbation.",
    "consent.problem.unknown_tenant":
      "Microsoft ne reconnaît pas cette organisation. Vérifiez que vous êtes connecté avec votre compte Microsoft 365 professionnel.",
    "consent.problem.blocked":
      "Une règle de sécurité de votre organisation (accès conditionnel) a bloqué la connexion. Contactez votre administrateur informatique.",
    "consent.problem.malformed":
      "Cette adresse n'a pas été ouverte depuis un lien d'approbation valide. Utilisez le lien envoyé par le cabinet.",
    "consent.problem.redeem":
      "Microsoft a répondu, mais l'approbation n'a pas pu être confirmée (le lien a peut-être déjà servi ou expiré). Ouvrez à nouveau le lien d'approbation.",
    "consent.problem.other":
      "Microsoft a renvoyé une erreur inattendue. Réessayez ; si le problème persiste, transmettez le code ci-dessous au cabinet.",
    "consent.code": "Code d'erreur Microsoft : AADSTS{code}",
  },
  {
    "consent.success.title": "Application approved",
    "consent.success.lead":
      "Thank you. Your organization has approved the application of {firm}. People in your organization can now sign in to the collaborative space with their Microsoft 365 account.",
    "consent.success.by": "Approved by {name} on {date}.",
    "consent.success.next": "You can close this page, or go back to the collaborative space:",
    "consent.success.signin": "sign in to the collaborative space",
    "consent.failed.title": "The approval did not go through",
    "consent.problem.declined":
      'Permission was declined: the firm\'s application was not approved. If this was a mistake, open the approval link again and choose "Accept".',
    "consent.problem.cancelled":
      "The request was cancelled before the end. Open the approval link again to start over.",
    "consent.problem.needs_admin":
      "Your account may not approve an application for the whole organization. Forward the approval link to a Global Administrator or an Application Administrator of your Microsoft 365 account.",
    "consent.problem.wrong_tenant":
      "The account used does not belong to the organization concerned. Sign out of Microsoft, then open the link with an administrator account of your organization.",
    "consent.problem.app_not_found":
      "Microsoft cannot find the firm's application. Tell the firm: its app registration must be checked.",
    "consent.problem.not_consented":
      "The application has not been approved for your organization yet. A Global Administrator or an Application Administrator must open the approval link.",
    "consent.problem.unknown_tenant":
      "Microsoft does not recognise this organization. Check that you are signed in with your work Microsoft 365 account.",
    "consent.problem.blocked":
      "A security rule of your organization (Conditional Access) blocked the sign-in. Contact your IT administrator.",
    "consent.problem.malformed":
      "This address was not opened from a valid approval link. Use the link sent by the firm.",
    "consent.problem.redeem":
      "Microsoft answered, but the approval could not be confirmed (the link may have been used already or have expired). Open the approval link again.",
    "consent.problem.other":
      "Microsoft returned an unexpected error. Try again; if it keeps happening, send the code below to the firm.",
    "consent.code": "Microsoft error code: AADSTS{code}",
  },
);
