import { defineMessages } from "@sesame/kit/i18n/i18n";

/** The mailbox page of the platform's own addresses (/mail); merged into sign-up's catalogue. */
export const mailboxMessages = defineMessages(
  {
    "mailbox.title": "Courrier",
    "mailbox.lead": "Messages reçus à l'adresse {email}.",
    "mailbox.empty": "Aucun message pour le moment.",
    "mailbox.delete": "Supprimer",
    "mailbox.deleteLabel": "Supprimer le message « {subject} »",
    "mailbox.deleted": "Le message a été supprimé.",
    "mailbox.gone": "Ce message n'existe plus.",
    "mailbox.notHosted":
      "Votre adresse {email} n'est pas hébergée ici : lisez votre courrier chez votre fournisseur habituel.",
  },
  {
    "mailbox.title": "Mail",
    "mailbox.lead": "Messages received at {email}.",
    "mailbox.empty": "No messages yet.",
    "mailbox.delete": "Delete",
    "mailbox.deleteLabel": "Delete the message “{subject}”",
    "mailbox.deleted": "The message was deleted.",
    "mailbox.gone": "This message no longer exists.",
    "mailbox.notHosted": "Your address {email} isn't hosted here: read your mail with your usual provider.",
  },
);
