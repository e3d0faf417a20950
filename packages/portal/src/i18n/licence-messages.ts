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
    "licence.status.pending_send": "À envoyer",
    "licence.status.sent": "Transmise au revendeur",
    "licence.status.fulfilled": "Acceptée et livrée",
    "licence.status.rejected": "Refusée",
    "licence.status.supplier": "À traiter par le fournisseur du cabinet",
    "licence.pendingNote":
      "Les demandes « À envoyer » sont enregistrées : le service du revendeur n'a pas encore répondu, elles lui seront transmises automatiquement.",
    "licence.supplierNote":
      "Avec Microsoft Entra ID, aucun service de commande n'est relié : le cabinet transmet ces demandes à son fournisseur de licences.",
    "licence.reason.secret":
      "le secret client du portail est refusé ; l'administrateur du cabinet doit en créer un nouveau et le configurer",
    "licence.reason.noApp": "l'application du portail n'est pas enregistrée dans l'organisation du cabinet",
    "licence.reason.noConsent":
      "l'administrateur du cabinet n'a pas autorisé le portail à envoyer des demandes au revendeur",
    "licence.reason.token": "l'organisation du cabinet a refusé de délivrer un jeton au portail",
    "licence.reason.input": "le revendeur n'accepte pas cette demande (licence ou nombre)",
    "licence.reason.access": "le revendeur n'accepte pas les demandes du cabinet",
    "licence.reason.declined": "refusée par le revendeur",
    "licence.error": "Choisissez une licence, un nombre entre 1 et 10 000 et l'organisation concernée.",
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
    "licence.status.sent": "Sent to the reseller",
    "licence.status.fulfilled": "Accepted and delivered",
    "licence.status.rejected": "Refused",
    "licence.status.supplier": "To be handled by the firm's supplier",
    "licence.pendingNote":
      "Requests waiting to be sent are stored: the reseller's service has not answered yet, they will be sent to it automatically.",
    "licence.supplierNote":
      "With Microsoft Entra ID no ordering service is connected: the firm passes these requests on to its licence supplier.",
    "licence.reason.secret":
      "the portal's client secret is refused; the firm's administrator must create a new one and configure it",
    "licence.reason.noApp": "the portal's application is not registered in the firm's organization",
    "licence.reason.noConsent":
      "the firm's administrator has not allowed the portal to send requests to the reseller",
    "licence.reason.token": "the firm's organization refused to issue a token to the portal",
    "licence.reason.input": "the reseller does not accept this request (licence or number)",
    "licence.reason.access": "the reseller does not accept requests from the firm",
    "licence.reason.declined": "declined by the reseller",
    "licence.error": "Choose a licence, a number between 1 and 10,000 and the organization concerned.",
    "licence.noTenant":
      "Your Microsoft account does not belong to a Microsoft 365 organization: paid licences are added to an organization. Contact the firm.",
    "licence.sent": "Request stored.",
  },
);
