import { defineMessages } from "@sesame/kit/i18n/i18n";

/** The partner centre (/reseller) and the mail sent to a new customer's first administrator. */
export const resellerMessages = defineMessages(
  {
    "reseller.title": "Espace partenaire",
    "reseller.customers": "Clients",
    "reseller.noCustomers": "Aucun client pour le moment.",
    "reseller.forbidden":
      "Le compte {email} n'est pas Administrateur général d'un revendeur. Connectez-vous avec le compte de votre société partenaire.",
    "reseller.requests": "Demandes de licences reçues",
    "reseller.noRequests": "Aucune demande de licences.",
    "reseller.create": "Créer un client",
    "reseller.companyName": "Nom de l'entreprise",
    "reseller.country": "Pays/région (code à deux lettres)",
    "reseller.prefix": "Domaine initial (avant .{suffix})",
    "reseller.adminName": "Nom de l'Administrateur général",
    "reseller.adminUser": "Nom d'utilisateur de l'administrateur",
    "reseller.contactEmail": "Adresse courriel où envoyer ses identifiants",
    "reseller.product": "Produit",
    "reseller.noProduct": "Aucun pour l'instant",
    "reseller.seats": "Nombre de licences",
    "reseller.created": "Client {tenant} créé. Les identifiants de {upn} ont été envoyés à {email}.",
    "reseller.addSeats": "Ajouter des licences",
    "reseller.setSeats": "Modifier le nombre de licences",
    "reseller.subscriptions": "Abonnements",
    "reseller.back": "Retour aux clients",
    "reseller.mail.subject": "Votre organisation {tenant} est prête",
    "reseller.mail.text":
      "Bonjour,\n\nVotre organisation {tenant} a été créée par votre revendeur.\nVous en êtes l'Administrateur général.\n\nNom d'utilisateur : {upn}\nMot de passe temporaire : {password}\n\nConnectez-vous sur {url} : vous devrez choisir un nouveau mot de passe à la première connexion.",
  },
  {
    "reseller.title": "Partner center",
    "reseller.customers": "Customers",
    "reseller.noCustomers": "No customers yet.",
    "reseller.forbidden":
      "The account {email} is not a Global Administrator of a reseller. Sign in with your partner company's account.",
    "reseller.requests": "License requests received",
    "reseller.noRequests": "No license requests.",
    "reseller.create": "Create a customer",
    "reseller.companyName": "Company name",
    "reseller.country": "Country/region (two-letter code)",
    "reseller.prefix": "Initial domain (before .{suffix})",
    "reseller.adminName": "Global Administrator's name",
    "reseller.adminUser": "Administrator's username",
    "reseller.contactEmail": "Email address to send their credentials to",
    "reseller.product": "Product",
    "reseller.noProduct": "None for now",
    "reseller.seats": "Number of licenses",
    "reseller.created": "Customer {tenant} created. The credentials of {upn} were sent to {email}.",
    "reseller.addSeats": "Add licenses",
    "reseller.setSeats": "Change the number of licenses",
    "reseller.subscriptions": "Subscriptions",
    "reseller.back": "Back to customers",
    "reseller.mail.subject": "Your organization {tenant} is ready",
    "reseller.mail.text":
      "Hello,\n\nYour organization {tenant} was created by your reseller.\nYou are its Global Administrator.\n\nUsername: {upn}\nTemporary password: {password}\n\nSign in at {url}: you will choose a new password at first sign-in.",
  },
);
