import { defineMessages } from "@sesame/kit/i18n/i18n";

/** Guest access to the firm's tenant (Microsoft B2B): the contact page, the settings, the mail. */
export const guestMessages = defineMessages(
  {
    "guest.contact.title": "Accès invité",
    "guest.contact.on":
      "Accès invité activé : la personne est invitée dans l'annuaire Microsoft du cabinet et se connecte avec un code reçu par courriel, sans compte à créer ni administrateur à attendre.",
    "guest.contact.off": "Accès invité désactivé : la personne se connecte avec son propre compte Microsoft.",
    "guest.contact.why":
      "Le plus rapide quand la personne n'a pas de compte Microsoft, ou quand son organisation n'a pas encore approuvé l'application du cabinet.",
    "guest.contact.turnOn": "Passer en accès invité",
    "guest.contact.turnOff": "Désactiver l'accès invité",
    "guest.way.label": "Connexion",
    "guest.way.personal": "compte personnel Microsoft",
    "guest.way.work": "compte professionnel de son organisation",
    "guest.way.guest": "invité du cabinet",
    "guest.settings.title": "Accès invité",
    "guest.settings.lead":
      "Le portail invite les interlocuteurs dans l'annuaire Microsoft du cabinet (invitation B2B) et leur envoie lui-même le lien d'acceptation.",
    "guest.settings.default": "Pour les nouvelles invitations",
    "guest.settings.default.on": "Accès invité par défaut",
    "guest.settings.default.off": "Compte Microsoft de la personne par défaut",
    "guest.settings.save": "Enregistrer",
    "guest.permission.granted":
      "L'application du cabinet a l'autorisation User.Invite.All dans votre annuaire : elle peut inviter.",
    "guest.permission.missing":
      "L'application du cabinet n'a pas l'autorisation User.Invite.All dans votre annuaire : un administrateur général doit l'accorder (autorisation d'application) avant toute invitation.",
    "guest.permission.unknown":
      "L'annuaire Microsoft du cabinet n'a pas pu être interrogé ; réessayez plus tard.",
    "guest.error.choice": "Choisissez d'activer ou de désactiver l'accès invité.",
    "guest.error.permission":
      "Invitation impossible : l'application du cabinet n'a pas l'autorisation User.Invite.All dans votre annuaire Microsoft. Demandez à un administrateur général de l'accorder, puis réessayez.",
    "guest.error.refused":
      "Microsoft a refusé d'inviter cette adresse (par exemple, elle appartient déjà à un membre de votre annuaire).",
    "guest.error.unavailable":
      "L'annuaire Microsoft ne répond pas ; rien n'a été modifié. Réessayez dans un instant.",
    "guest.mail.body":
      "{firm} vous invite à rejoindre son espace collaboratif, où vous échangerez documents et demandes avec le cabinet. Vous n'avez aucun compte à créer : acceptez l'invitation ci-dessous, puis connectez-vous avec votre compte Microsoft si vous en avez un, ou avec un code reçu par courriel.",
    "guest.mail.cta": "Accepter l'invitation",
    "guest.contact.fastest":
      "Conseillé : passez cette personne en accès invité, c'est le plus rapide. Elle se connectera avec un code reçu par courriel, sans créer de compte ni attendre son administrateur.",
    "guest.guide.hint":
      "Plus rapide : vous pouvez aussi demander à {firm} un accès invité. Vous recevrez alors un lien d'invitation, puis un code de connexion par courriel, sans compte à créer ni approbation à attendre.",
    "flash.guestOn": "Accès invité activé et invitation envoyée.",
    "flash.guestOff": "Accès invité désactivé.",
  },
  {
    "guest.contact.title": "Guest access",
    "guest.contact.on":
      "Guest access on: the person is invited into the firm's Microsoft directory and signs in with a code sent by e-mail, with no account to create and no administrator to wait for.",
    "guest.contact.off": "Guest access off: the person signs in with their own Microsoft account.",
    "guest.contact.why":
      "The fastest way when the person has no Microsoft account, or when their organisation has not approved the firm's application yet.",
    "guest.contact.turnOn": "Switch to guest access",
    "guest.contact.turnOff": "Turn guest access off",
    "guest.way.label": "Signs in with",
    "guest.way.personal": "a personal Microsoft account",
    "guest.way.work": "a work account of their organisation",
    "guest.way.guest": "guest of the firm",
    "guest.settings.title": "Guest access",
    "guest.settings.lead":
      "The portal invites contacts into the firm's Microsoft directory (B2B invitation) and sends them the redemption link itself.",
    "guest.settings.default": "For new invitations",
    "guest.settings.default.on": "Guest access by default",
    "guest.settings.default.off": "The person's own Microsoft account by default",
    "guest.settings.save": "Save",
    "guest.permission.granted":
      "The firm's application holds User.Invite.All in your directory: it can invite.",
    "guest.permission.missing":
      "The firm's application does not hold User.Invite.All in your directory: a Global Administrator must grant it (application permission) before any invitation.",
    "guest.permission.unknown": "The firm's Microsoft directory could not be asked; try again later.",
    "guest.error.choice": "Choose whether to turn guest access on or off.",
    "guest.error.permission":
      "Cannot invite: the firm's application does not hold User.Invite.All in your Microsoft directory. Ask a Global Administrator to grant it, then try again.",
    "guest.error.refused":
      "Microsoft refused to invite this address (for example, it belongs to a member of your directory).",
    "guest.error.unavailable":
      "The Microsoft directory does not answer; nothing was changed. Try again in a moment.",
    "guest.mail.body":
      "You need no account: accept the invitation and a sign-in code will be e-mailed to you.",
    "guest.mail.cta": "Accept the invitation",
    "guest.contact.fastest":
      "Recommended: switch this person to guest access, it is the fastest way. They will sign in with a code sent by e-mail, without creating an account or waiting for their administrator.",
    "guest.guide.hint":
      "Faster: you can also ask {firm} for guest access. You will then get an invitation link, then a sign-in code by e-mail, with no account to create and no approval to wait for.",
    "flash.guestOn": "Guest access on and invitation sent.",
    "flash.guestOff": "Guest access off.",
  },
);
