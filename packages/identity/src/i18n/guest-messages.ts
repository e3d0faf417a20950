import { defineMessages } from "@sesame/kit/i18n/i18n";

/** B2B guests: invitation mail, redemption pages, one-time passcode, refusals. */
export const guestMessages = defineMessages(
  {
    "directory.error.guestIsMember":
      "{address} appartient déjà à un membre de l'organisation : un membre ne peut pas être invité comme invité.",
    "directory.error.guestAddress": "« {address} » n'est pas une adresse courriel valide.",
    "directory.error.noInitialDomain": "L'organisation n'a pas de domaine initial.",
    "guest.mail.sender": "{org} via Sésame",
    "guest.mail.subject": "{org} vous a invité(e) à accéder à ses applications",
    "guest.mail.intro": "{org} vous a invité(e) à accéder à ses applications et à ses ressources.",
    "guest.mail.message": "Message de l'organisation :",
    "guest.mail.accept": "Accepter l'invitation",
    "guest.mail.link": "Ou ouvrez ce lien : {url}",
    "guest.mail.noAccount":
      "Vous n'avez besoin d'aucun compte : si vous n'en avez pas, un code vous sera envoyé par courriel.",
    "guest.mail.ignore": "Si vous n'attendiez pas cette invitation, ignorez ce message.",
  },
  {
    "directory.error.guestIsMember":
      "The invited user already exists in the directory as a member: {address} cannot be invited as a guest.",
    "directory.error.guestAddress": "'{address}' is not a valid email address.",
    "directory.error.noInitialDomain": "The organization has no initial domain.",
    "guest.mail.sender": "{org} via Sésame",
    "guest.mail.subject": "{org} invited you to access applications within their organization",
    "guest.mail.intro": "{org} invited you to access applications and resources within their organization.",
    "guest.mail.message": "Message from the organization:",
    "guest.mail.accept": "Accept invitation",
    "guest.mail.link": "Or open this link: {url}",
    "guest.mail.noAccount": "You need no account: if you have none, a code will be sent to you by email.",
    "guest.mail.ignore": "If you were not expecting this invitation, ignore this message.",
  },
);
