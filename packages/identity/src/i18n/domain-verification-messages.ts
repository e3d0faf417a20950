/** Messages of domain verification against DNS and of the public mail domain refusal. */
export const domainVerificationMessages = {
  fr: {
    "directory.error.domainPublicMail":
      "Le domaine {domain} est celui d'une messagerie publique : personne ne peut le revendiquer pour une organisation. Utilisez un domaine dont votre organisation est propriétaire.",
    "directory.error.txtNotFound":
      "Aucun enregistrement TXT {token} n'a été trouvé pour {domain}. Publiez-le dans le DNS du domaine, attendez sa propagation (parfois une heure), puis réessayez.",
    "directory.error.dnsUnavailable":
      "Le DNS de {domain} n'a pas pu être interrogé pour l'instant. Réessayez dans quelques minutes.",
    "admin.domains.dnsCheck":
      "Pour vérifier un domaine, publiez l'enregistrement TXT indiqué dans son DNS, puis cliquez sur Vérifier : Sésame interroge le DNS.",
  },
  en: {
    "directory.error.domainPublicMail":
      "The domain {domain} belongs to a public mail provider: nobody can claim it for an organization. Use a domain your organization owns.",
    "directory.error.txtNotFound":
      "No TXT record {token} was found for {domain}. Publish it in the domain's DNS, wait for it to propagate (sometimes an hour), then try again.",
    "directory.error.dnsUnavailable":
      "The DNS of {domain} could not be queried just now. Try again in a few minutes.",
    "admin.domains.dnsCheck":
      "To verify a domain, publish the TXT record shown in its DNS, then select Verify: Sésame looks it up in DNS.",
  },
} as const;
