import { defineMessages } from "@sesame/kit/i18n/i18n";

/** Why a directory operation was refused: shown in the admin centre, printed by the CLI. */
export const directoryMessages = defineMessages(
  {
    "directory.error.tenantName": "Le nom de l'organisation doit compter de 2 à 256 caractères.",
    "directory.error.country": "Choisissez le pays de l'organisation (code à deux lettres, par exemple FR).",
    "directory.error.prefix":
      "Le nom du domaine initial ne peut contenir que des lettres et des chiffres (27 au plus).",
    "directory.error.domainTaken":
      "Le domaine {domain} est déjà ajouté à une organisation. Un domaine n'appartient qu'à une seule organisation.",
    "directory.error.domainName": "« {domain} » n'est pas un nom de domaine valide (par exemple exemple.fr).",
    "directory.error.domainReserved":
      "Le domaine {domain} appartient à la plateforme et ne peut pas être ajouté. Utilisez un domaine dont vous êtes propriétaire.",
    "directory.error.domainUnknown": "Le domaine {domain} n'existe pas dans cette organisation.",
    "directory.error.tokenMismatch":
      "La valeur collée ne correspond pas à l'enregistrement TXT attendu pour {domain}. Publiez {token} dans le DNS du domaine, puis collez exactement cette valeur.",
    "directory.error.domainNotVerified":
      "Le domaine {domain} n'est pas encore vérifié. Vérifiez-le d'abord dans la page Domaines.",
    "directory.error.tenantUnknown": "Aucune organisation ne correspond à « {tenant} ».",
    "directory.error.lastGlobalAdmin":
      "Impossible : c'est le dernier Administrateur général actif de l'organisation. Attribuez d'abord ce rôle à une autre personne.",
    "directory.error.roleNotHeld": "{user} n'a pas le rôle {role}.",
    "directory.error.roleUnknown": "Le rôle « {role} » n'existe pas.",
    "directory.error.notWorkAccount": "{user} n'est pas un compte professionnel de cette organisation.",
    "directory.error.skuUnknown": "Le produit « {sku} » n'existe pas dans le catalogue.",
    "directory.error.seatCount": "Le nombre de licences doit être un nombre entier de 0 à {max}.",
    "directory.error.seatsBelowAssigned":
      "Impossible de descendre sous {assigned} licences {sku} : elles sont attribuées. Retirez d'abord des attributions.",
    "directory.error.noSubscription":
      "L'organisation n'a pas d'abonnement {sku}. Achetez-en auprès de votre revendeur.",
    "directory.error.licenceHeld": "{user} a déjà une licence {sku}.",
    "directory.error.noSeats":
      "Toutes les licences {sku} ({seats}) sont attribuées. Retirez-en une à quelqu'un ou achetez-en davantage.",
    "directory.error.licenceNotHeld": "{user} n'a pas de licence {sku}.",
    "directory.error.userName":
      "Le nom d'utilisateur « {name} » n'est pas valide : lettres, chiffres, points, tirets ; sans espace.",
    "directory.error.displayName": "Indiquez un nom d'affichage (256 caractères au plus).",
    "directory.error.upnTaken": "L'adresse {upn} est déjà utilisée par un autre compte.",
    "directory.error.userUnknown": "Aucun utilisateur « {user} » dans cette organisation.",
    "directory.error.passwordLength": "Le mot de passe doit compter au moins {min} caractères.",
    "directory.error.contactEmail":
      "Indiquez l'adresse courriel où envoyer les identifiants de l'administrateur.",
    "directory.error.forbidden":
      "Votre rôle ne permet pas cette action. Demandez-la à un Administrateur général.",
    "directory.error.protectedAccount":
      "Seul un Administrateur général peut modifier le compte d'un autre administrateur.",
    "directory.error.appUnknown": "L'application {app} n'a aucune autorisation dans cette organisation.",
    "directory.error.invalid": "Le formulaire est incomplet ou mal rempli. Vérifiez les champs et réessayez.",
    "role.62e90394-69f5-4237-9190-012177145e10": "Administrateur général",
    "role.e8611ab8-c189-46e8-94e1-60213ab1f814": "Administrateur de rôle privilégié",
    "role.9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Administrateur d'application",
    "role.158c047a-c907-4556-b7ef-446551a6b5f7": "Administrateur d'application cloud",
    "role.fe930be7-5e62-47db-91af-98c3a49a38b1": "Administrateur d'utilisateurs",
    "role.f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Lecteur général",
  },
  {
    "directory.error.tenantName": "The organization's name must be 2 to 256 characters long.",
    "directory.error.country": "Choose the organization's country (two-letter code, for example FR).",
    "directory.error.prefix": "The initial domain name may only contain letters and digits (27 at most).",
    "directory.error.domainTaken":
      "The domain {domain} is already added to an organization. A domain belongs to one organization only.",
    "directory.error.domainName": "“{domain}” is not a valid domain name (for example example.com).",
    "directory.error.domainReserved":
      "The domain {domain} belongs to the platform and cannot be added. Use a domain you own.",
    "directory.error.domainUnknown": "The domain {domain} does not exist in this organization.",
    "directory.error.tokenMismatch":
      "The pasted value does not match the TXT record expected for {domain}. Publish {token} in the domain's DNS, then paste exactly that value.",
    "directory.error.domainNotVerified":
      "The domain {domain} is not verified yet. Verify it first on the Domains page.",
    "directory.error.tenantUnknown": "No organization matches “{tenant}”.",
    "directory.error.lastGlobalAdmin":
      "Not possible: this is the organization's last active Global Administrator. Give the role to someone else first.",
    "directory.error.roleNotHeld": "{user} does not have the {role} role.",
    "directory.error.roleUnknown": "The role “{role}” does not exist.",
    "directory.error.notWorkAccount": "{user} is not a work account of this organization.",
    "directory.error.skuUnknown": "The product “{sku}” is not in the catalogue.",
    "directory.error.seatCount": "The number of licenses must be a whole number from 0 to {max}.",
    "directory.error.seatsBelowAssigned":
      "Cannot go below {assigned} {sku} licenses: they are assigned. Remove assignments first.",
    "directory.error.noSubscription":
      "The organization has no {sku} subscription. Buy some from your reseller.",
    "directory.error.licenceHeld": "{user} already has a {sku} license.",
    "directory.error.noSeats":
      "All {sku} licenses ({seats}) are assigned. Remove one from someone or buy more.",
    "directory.error.licenceNotHeld": "{user} has no {sku} license.",
    "directory.error.userName":
      "The user name “{name}” is not valid: letters, digits, dots, hyphens; no spaces.",
    "directory.error.displayName": "Enter a display name (256 characters at most).",
    "directory.error.upnTaken": "The address {upn} is already used by another account.",
    "directory.error.userUnknown": "No user “{user}” in this organization.",
    "directory.error.passwordLength": "The password must be at least {min} characters long.",
    "directory.error.contactEmail": "Enter the email address where the administrator's credentials are sent.",
    "directory.error.forbidden": "Your role does not allow this action. Ask a Global Administrator.",
    "directory.error.protectedAccount":
      "Only a Global Administrator can change another administrator's account.",
    "directory.error.appUnknown": "The application {app} holds no permission in this organization.",
    "directory.error.invalid": "The form is incomplete or filled in wrongly. Check the fields and try again.",
    "role.62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
    "role.e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
    "role.9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
    "role.158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
    "role.fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
    "role.f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
  },
);
