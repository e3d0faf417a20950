import { defineMessages } from "@sesame/kit/i18n/i18n";

export const licenceMessages = defineMessages(
  {
    "licence.title": "Licences Microsoft 365",
    "licence.lead":
      "Demandez des licences Microsoft 365 payantes ; le cabinet les commande auprès de son fournisseur.",
    "licence.sku": "Licence",
    "licence.seats": "Nombre de licences",
    "licence.tenant": "Organisation Microsoft 365 (identifiant ou domaine)",
    "licence.submit": "Envoyer la demande",
    "licence.list": "Demandes",
    "licence.none": "Aucune demande pour l'instant.",
    "licence.when": "Date",
    "licence.by": "Demandée par",
    "licence.state": "État",
    "licence.status.pending_send": "En attente d'envoi",
    "licence.status.sent": "Envoyée au fournisseur",
    "licence.status.fulfilled": "Livrée",
    "licence.status.rejected": "Refusée",
    "licence.pendingNote":
      "Le service de commande n'est pas encore relié : la demande est enregistrée et sera transmise dès qu'il le sera.",
    "licence.error": "Choisissez une licence, un nombre entre 1 et 300 et l'organisation concernée.",
    "licence.noTenant":
      "Votre compte Microsoft n'appartient à aucune organisation Microsoft 365 : les licences payantes s'ajoutent à une organisation. Contactez le cabinet.",
    "licence.sent": "Demande enregistrée.",
  },
  {
    "licence.title": "Microsoft 365 licences",
    "licence.lead": "Request paid Microsoft 365 licences; the firm orders them from its supplier.",
    "licence.sku": "Licence",
    "licence.seats": "Number of licences",
    "licence.tenant": "Microsoft 365 organization (id or domain)",
    "licence.submit": "Send the request",
    "licence.list": "Requests",
    "licence.none": "No request yet.",
    "licence.when": "Date",
    "licence.by": "Requested by",
    "licence.state": "Status",
    "licence.status.pending_send": "Waiting to be sent",
    "licence.status.sent": "Sent to the supplier",
    "licence.status.fulfilled": "Delivered",
    "licence.status.rejected": "Refused",
    "licence.pendingNote":
      "The ordering service is not connected yet: the request is stored and will be sent as soon as it is.",
    "licence.error": "Choose a licence, a number between 1 and 300 and the organization concerned.",
    "licence.noTenant":
      "Your Microsoft account does not belong to a Microsoft 365 organization: paid licences are added to an organization. Contact the firm.",
    "licence.sent": "Request stored.",
  },
);
