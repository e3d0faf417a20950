import { defineMessages } from "@sesame/kit/i18n/i18n";

/** The admin consent workflow: the request on "Need admin approval", its review, its mails. */
export const consentRequestMessages = defineMessages(
  {
    "consentRequests.ask": "Demander l'approbation",
    "consentRequests.askIntro":
      "Votre organisation permet de demander l'approbation d'un administrateur. Expliquez pourquoi vous avez besoin de cette application : les approbateurs recevront votre demande par courrier.",
    "consentRequests.reason": "Justification de la demande",
    "consentRequests.send": "Demander l'approbation",
    "consentRequests.pending":
      "Vous avez déjà demandé l'approbation de {app} le {date}. Votre demande attend la décision d'un approbateur ; vous recevrez un courrier dès qu'elle sera prise.",
    "consentRequests.sentTitle": "Demande envoyée",
    "consentRequests.sent":
      "Votre demande d'approbation pour {app} a été envoyée aux approbateurs de {tenant}. Vous recevrez un courrier lorsqu'elle sera approuvée ou refusée (au plus tard dans {days} jours, après quoi elle expire).",
    "directory.error.consentRequest.off":
      "Votre organisation n'accepte pas de demandes d'approbation : contactez votre administrateur.",
    "directory.error.consentRequest.duplicate":
      "Vous avez déjà une demande en attente pour cette application. Attendez la décision d'un approbateur.",
    "directory.error.consentRequest.reason": "Expliquez votre demande en 1 à 500 caractères.",
    "directory.error.consentRequest.signedOut": "Reconnectez-vous pour envoyer votre demande.",
    "directory.error.consentRequest.unknown": "Cette demande n'existe pas.",
    "directory.error.consentRequest.notPending": "Cette demande a déjà été traitée ou a expiré.",
    "directory.error.consentRequest.notReviewer":
      "Vous n'êtes pas approbateur des demandes de consentement de cette organisation.",
    "directory.error.consentRequest.cannotGrant":
      "Votre rôle ne vous permet pas d'accorder ces autorisations pour toute l'organisation. Vous pouvez refuser la demande ; un administrateur général peut l'approuver.",
    "directory.error.consentRequest.duration": "La durée d'une demande doit être de 1 à 30 jours.",
    "directory.error.consentRequest.reviewers": "Choisissez au moins un approbateur.",
    "directory.error.consentRequest.reviewerQuery":
      "Un approbateur doit être un utilisateur (/users/…) ou un rôle d'annuaire de l'organisation.",
    "directory.error.consentRequest.tooManyReviewers": "25 approbateurs au plus.",
    "directory.error.consentRequest.denyReason": "Indiquez la raison du refus (500 caractères au plus).",
    "consentRequests.admin.title": "Demandes de consentement administrateur",
    "consentRequests.admin.lead":
      "Les utilisateurs qui ont besoin de l'approbation d'un administrateur pour une application peuvent la demander ; les approbateurs la traitent ici.",
    "consentRequests.admin.none": "Aucune demande.",
    "consentRequests.admin.app": "Application",
    "consentRequests.admin.requestedBy": "Demandée par",
    "consentRequests.admin.status": "État",
    "consentRequests.admin.permissions": "Autorisations demandées",
    "consentRequests.admin.open": "Voir la demande de {app}",
    "consentRequests.admin.approve": "Approuver",
    "consentRequests.admin.deny": "Refuser",
    "consentRequests.admin.denyReason": "Raison du refus (envoyée au demandeur)",
    "consentRequests.admin.approveHint":
      "Approuver accorde ces autorisations à l'application pour tous les utilisateurs de {tenant}.",
    "consentRequests.admin.until": "expire le {date}",
    "consentRequests.status.InProgress": "En attente",
    "consentRequests.status.Approved": "Approuvée par {by}",
    "consentRequests.status.Denied": "Refusée par {by} : {reason}",
    "consentRequests.status.Expired": "Expirée",
    "consentRequests.settings.title": "Paramètres des demandes de consentement",
    "consentRequests.settings.enabled":
      "Les utilisateurs peuvent demander le consentement administrateur aux applications qu'ils ne peuvent pas autoriser eux-mêmes",
    "consentRequests.settings.reviewers": "Approbateurs",
    "consentRequests.settings.notify": "Les approbateurs reçoivent un courrier pour chaque demande",
    "consentRequests.settings.reminders": "Les approbateurs reçoivent un rappel avant l'expiration",
    "consentRequests.settings.duration": "Expiration de la demande (jours, de 1 à 30)",
    "consentRequests.settings.version": "Version de la stratégie : {version}",
    "consentRequests.mail.newSubject": "Demande de consentement pour {app}",
    "consentRequests.mail.newText":
      "{user} demande que {tenant} autorise l'application {app}.\n\nJustification : {reason}\n\nApprouvez ou refusez la demande dans le centre d'administration :\n{url}\n\nSans décision, elle expire le {date}.",
    "consentRequests.mail.reminderSubject": "Rappel : demande de consentement pour {app}",
    "consentRequests.mail.reminderText":
      "La demande de {user} pour l'application {app} attend toujours votre décision ; elle expire le {date}.\n\n{url}",
    "consentRequests.mail.approvedSubject": "Votre demande pour {app} est approuvée",
    "consentRequests.mail.approvedText":
      "{by} a approuvé votre demande : {app} est autorisée pour {tenant}. Vous pouvez vous connecter à l'application.",
    "consentRequests.mail.deniedSubject": "Votre demande pour {app} est refusée",
    "consentRequests.mail.deniedText": "{by} a refusé votre demande d'accès à {app}.\n\nRaison : {reason}",
    "consentRequests.mail.expiredSubject": "Votre demande pour {app} a expiré",
    "consentRequests.mail.expiredText":
      "Aucun approbateur de {tenant} n'a traité votre demande pour {app} à temps. Vous pouvez en envoyer une nouvelle depuis la page « Approbation de l'administrateur requise ».",
  },
  {
    "consentRequests.ask": "Request approval",
    "consentRequests.askIntro":
      "Your organization lets you ask an administrator for approval. Explain why you need this app: the reviewers will get your request by e-mail.",
    "consentRequests.reason": "Justification for requesting access",
    "consentRequests.send": "Request approval",
    "consentRequests.pending":
      "You already requested approval for {app} on {date}. Your request is waiting for a reviewer's decision; you will get an e-mail as soon as it is made.",
    "consentRequests.sentTitle": "Request sent",
    "consentRequests.sent":
      "Your request for approval of {app} was sent to the reviewers of {tenant}. You will get an e-mail when it is approved or denied (within {days} days at most, after which it expires).",
    "directory.error.consentRequest.off":
      "Your organization does not accept approval requests: contact your administrator.",
    "directory.error.consentRequest.duplicate":
      "You already have a pending request for this app. Wait for a reviewer's decision.",
    "directory.error.consentRequest.reason": "Explain your request in 1 to 500 characters.",
    "directory.error.consentRequest.signedOut": "Sign in again to send your request.",
    "directory.error.consentRequest.unknown": "This request does not exist.",
    "directory.error.consentRequest.notPending": "This request was already reviewed or has expired.",
    "directory.error.consentRequest.notReviewer":
      "You are not a reviewer of this organization's consent requests.",
    "directory.error.consentRequest.cannotGrant":
      "Your role does not let you grant these permissions for the whole organization. You can deny the request; a Global Administrator can approve it.",
    "directory.error.consentRequest.duration": "A request must last 1 to 30 days.",
    "directory.error.consentRequest.reviewers": "Choose at least one reviewer.",
    "directory.error.consentRequest.reviewerQuery":
      "A reviewer must be a user (/users/…) or a directory role of the organization.",
    "directory.error.consentRequest.tooManyReviewers": "25 reviewers at most.",
    "directory.error.consentRequest.denyReason": "Give the reason for the denial (500 characters at most).",
    "consentRequests.admin.title": "Admin consent requests",
    "consentRequests.admin.lead":
      "Users who need an administrator's approval for an app can request it; reviewers handle the requests here.",
    "consentRequests.admin.none": "No requests.",
    "consentRequests.admin.app": "Application",
    "consentRequests.admin.requestedBy": "Requested by",
    "consentRequests.admin.status": "Status",
    "consentRequests.admin.permissions": "Requested permissions",
    "consentRequests.admin.open": "Review the request for {app}",
    "consentRequests.admin.approve": "Approve",
    "consentRequests.admin.deny": "Deny",
    "consentRequests.admin.denyReason": "Reason for the denial (sent to the requester)",
    "consentRequests.admin.approveHint":
      "Approving grants these permissions to the app for every user of {tenant}.",
    "consentRequests.admin.until": "expires on {date}",
    "consentRequests.status.InProgress": "Pending",
    "consentRequests.status.Approved": "Approved by {by}",
    "consentRequests.status.Denied": "Denied by {by}: {reason}",
    "consentRequests.status.Expired": "Expired",
    "consentRequests.settings.title": "Consent request settings",
    "consentRequests.settings.enabled":
      "Users can request admin consent to apps they are unable to consent to",
    "consentRequests.settings.reviewers": "Reviewers",
    "consentRequests.settings.notify": "Reviewers get an e-mail for each request",
    "consentRequests.settings.reminders": "Reviewers get a reminder before a request expires",
    "consentRequests.settings.duration": "Consent request expires after (days, 1 to 30)",
    "consentRequests.settings.version": "Policy version: {version}",
    "consentRequests.mail.newSubject": "Consent request for {app}",
    "consentRequests.mail.newText":
      "{user} asks {tenant} to approve the app {app}.\n\nJustification: {reason}\n\nApprove or deny the request in the admin centre:\n{url}\n\nWithout a decision it expires on {date}.",
    "consentRequests.mail.reminderSubject": "Reminder: consent request for {app}",
    "consentRequests.mail.reminderText":
      "{user}'s request for the app {app} is still waiting for your decision; it expires on {date}.\n\n{url}",
    "consentRequests.mail.approvedSubject": "Your request for {app} is approved",
    "consentRequests.mail.approvedText":
      "{by} approved your request: {app} is approved for {tenant}. You can sign in to the app.",
    "consentRequests.mail.deniedSubject": "Your request for {app} is denied",
    "consentRequests.mail.deniedText": "{by} denied your request for access to {app}.\n\nReason: {reason}",
    "consentRequests.mail.expiredSubject": "Your request for {app} has expired",
    "consentRequests.mail.expiredText":
      'No reviewer of {tenant} handled your request for {app} in time. You can send a new one from the "Need admin approval" page.',
  },
);
