import { defineMessages } from "@sesame/kit/i18n/i18n";

/** The header's name of the portal and the confirmations shown after something is saved. */
export const flashMessages = defineMessages(
  {
    "portal.brand": "Espace collaboratif",
    "portal.colon": "\u00a0:",
    "flash.dossierCreated": "Dossier créé.",
    "flash.dossierSaved": "Dossier enregistré.",
    "flash.contactCreated": "Interlocuteur créé.",
    "flash.contactInvited": "Interlocuteur créé et invitation envoyée.",
    "flash.invited": "Invitation envoyée.",
    "flash.reminded": "Rappel envoyé : les liens déjà reçus restent valables.",
    "flash.revoked": "Invitation annulée : ses liens ne fonctionnent plus.",
    "flash.linked": "Dossier ajouté à l'interlocuteur.",
    "flash.rechecked": "Compte Microsoft vérifié.",
    "flash.staffAdded": "Membre ajouté.",
    "flash.licenceRequested": "Demande de licences enregistrée.",
    "flash.licenceHandled": "Demande marquée comme traitée.",
    "flash.licenceRefused": "Demande refusée.",
  },
  {
    "portal.brand": "Collaborative space",
    "portal.colon": ":",
    "flash.dossierCreated": "Client file created.",
    "flash.dossierSaved": "Client file saved.",
    "flash.contactCreated": "Contact created.",
    "flash.contactInvited": "Contact created and invitation sent.",
    "flash.invited": "Invitation sent.",
    "flash.reminded": "Reminder sent: the links already received still work.",
    "flash.revoked": "Invitation cancelled: its links no longer work.",
    "flash.linked": "Client file added to the contact.",
    "flash.rechecked": "Microsoft account checked.",
    "flash.staffAdded": "Member added.",
    "flash.licenceRequested": "Licence request saved.",
    "flash.licenceHandled": "Request marked as handled.",
    "flash.licenceRefused": "Request refused.",
  },
);
