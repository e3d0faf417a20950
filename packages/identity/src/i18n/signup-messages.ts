import { defineMessages, mergeCatalogs } from "@sesame/kit/i18n/i18n";
import { mailboxMessages } from "./mailbox-messages";
import { signupMailMessages } from "./signup-mail-messages";

const wizardMessages = defineMessages(
  {
    "signup.title": "Créer un compte",
    "signup.next": "Suivant",
    "signup.back": "Retour",
    "signup.email.label": "Adresse courriel",
    "signup.email.lead":
      "Utilisez votre adresse courriel actuelle (par exemple @gmail.com ou @yahoo.fr), ou obtenez une nouvelle adresse @outlook.fr, @hotmail.fr…",
    "signup.email.getNew": "Obtenir une nouvelle adresse courriel",
    "signup.email.useExisting": "Utiliser plutôt mon adresse courriel",
    "signup.email.newLabel": "Nouvelle adresse courriel",
    "signup.email.domain": "Domaine",
    "signup.email.haveAccount": "Vous avez déjà un compte ?",
    "signup.email.signIn": "Se connecter",
    "signup.email.invalid": "Entrez une adresse courriel valide, par exemple quelqu'un@example.com.",
    "signup.email.taken":
      "{email} est déjà utilisée par un compte Microsoft. Connectez-vous avec cette adresse ou, si vous avez oublié votre mot de passe, réinitialisez-le.",
    "signup.email.resetPassword": "Réinitialiser le mot de passe",
    "signup.email.workDomain":
      "Vous ne pouvez pas créer de compte Microsoft personnel avec {email} : cette adresse est une adresse professionnelle de l'organisation {organization}. Connectez-vous avec votre compte professionnel, ou demandez à son administrateur de vous en créer un. Pour un compte personnel, utilisez une autre adresse.",
    "signup.name.empty": "Entrez le nom de votre nouvelle adresse courriel.",
    "signup.name.invalid":
      "Utilisez seulement des lettres sans accent, des chiffres, des points, des tirets et des traits de soulignement, en commençant par une lettre.",
    "signup.name.reserved": "{email} est réservée et ne peut pas être créée. Choisissez une autre adresse.",
    "signup.name.taken": "{email} n'est pas disponible. Essayez une autre adresse.",
    "signup.name.available": "{email} est disponible.",
    "signup.name.suggestions": "Adresses disponibles :",
    "signup.domain.invalid": "Choisissez un des domaines proposés.",
    "signup.password.title": "Créer un mot de passe",
    "signup.password.lead": "Entrez le mot de passe que vous désirez utiliser avec votre compte.",
    "signup.password.label": "Créer un mot de passe",
    "signup.password.show": "Afficher le mot de passe",
    "signup.password.hint":
      "Au moins {min} caractères. Une phrase facile à retenir pour vous et difficile à deviner convient très bien.",
    "signup.password.tooShort": "Votre mot de passe doit comporter au moins {min} caractères.",
    "signup.password.tooLong": "Votre mot de passe ne peut pas dépasser {max} caractères.",
    "signup.password.personal":
      "Votre mot de passe ne doit pas reprendre votre adresse courriel ou votre nom. Choisissez-en un autre.",
    "signup.password.common":
      "Ce mot de passe est trop courant : il figure dans les listes de mots de passe connus ou divulgués. Choisissez-en un autre.",
    "signup.password.weak":
      "Ce mot de passe est trop facile à deviner. Allongez-le ou ajoutez des mots inhabituels.",
    "signup.profile.lead":
      "Nous avons besoin de quelques informations supplémentaires pour configurer votre compte.",
    "signup.profile.country": "Pays/région",
    "signup.profile.birthDate": "Date de naissance",
    "signup.profile.year": "Année",
    "signup.profile.month": "Mois",
    "signup.profile.day": "Jour",
    "signup.profile.countryInvalid": "Choisissez votre pays ou région dans la liste.",
    "signup.birth.missing": "Entrez votre date de naissance complète : année, mois et jour.",
    "signup.birth.notADate": "Cette date n'existe pas. Vérifiez le jour et le mois.",
    "signup.birth.future": "La date de naissance ne peut pas être dans le futur.",
    "signup.birth.tooOld": "Entrez une année de naissance à partir de 1900.",
    "signup.underage.title": "Un parent doit créer votre compte",
    "signup.underage.body":
      "Dans votre pays ou région ({country}), un compte ne peut être créé pour une personne de moins de {age} ans qu'avec l'accord d'un parent ou d'un tuteur. Demandez à un parent de créer le compte avec vous ou de l'approuver.",
    "signup.underage.nothingKept": "Nous n'avons rien conservé des informations saisies.",
    "signup.code.title": "Confirmer l'adresse courriel",
    "signup.code.sentTo": "Entrez le code que nous avons envoyé à l'adresse {email}.",
    "signup.code.junk":
      "Si vous n'avez pas reçu le courriel, veuillez vérifier dans votre dossier Courriel indésirable ou réessayez.",
    "signup.code.label": "Entrez le code",
    "signup.code.resend": "Envoyer un nouveau code",
    "signup.code.resent": "Nous avons envoyé un nouveau code à {email}.",
    "signup.code.tooSoon": "Patientez encore {seconds} secondes avant de demander un nouveau code.",
    "signup.code.dailyLimit":
      "Vous avez demandé trop de codes pour cette adresse aujourd'hui. Réessayez demain.",
    "signup.code.marketing":
      "J'aimerais que Microsoft et son groupe d'entreprises me contacte par courriel et téléphone à propos des produits, services et événements, y compris les dernières nouveautés en matière de solutions, conseils et offres exclusives. Vous pourrez retirer votre consentement à tout moment depuis votre compte.",
    "signup.code.terms": "En choisissant {next} vous acceptez le {terms} et la {privacy}.",
    "signup.code.termsLink": "Contrat de services Microsoft",
    "signup.code.privacyLink": "déclaration sur la confidentialité et les cookies",
    "signup.code.empty": "Entrez le code reçu par courriel.",
    "signup.code.wrong": "Ce code n'est pas correct. Vérifiez-le et réessayez ({tries} essai(s) restant(s)).",
    "signup.code.expired": "Ce code a expiré. Demandez un nouveau code.",
    "signup.code.burned":
      "Trop d'essais incorrects : ce code ne peut plus être utilisé. Demandez un nouveau code.",
    "signup.code.missing": "Aucun code valide pour cette adresse. Demandez un nouveau code.",
    "signup.challenge.title": "Vérifions que vous n'êtes pas un robot",
    "signup.challenge.lead":
      "Cochez la case : votre navigateur résout un petit calcul, sans image ni son à déchiffrer. Choisissez ensuite Suivant.",
    "signup.challenge.noscript":
      "Cette vérification a besoin de JavaScript. Activez-le dans votre navigateur, puis rechargez la page.",
    "signup.challenge.missing":
      "Cochez « Je ne suis pas un robot » et attendez la fin de la vérification avant de choisir Suivant.",
    "signup.challenge.invalid":
      "La vérification anti-robot a échoué. Cochez de nouveau la case et réessayez.",
    "signup.challenge.expired": "La vérification anti-robot a expiré. Cochez de nouveau la case.",
    "signup.challenge.replayed":
      "Cette vérification a déjà servi. Cochez de nouveau la case pour en obtenir une nouvelle.",
    "signup.ready.title": "Votre compte est prêt",
    "signup.ready.body": "Votre compte {email} est créé et vous êtes connecté.",
    "signup.ready.continue": "Continuer",
    "signup.expired":
      "Votre inscription a expiré (elle reste ouverte une heure). Recommencez depuis le début : cela ne prend que quelques minutes.",
    "signup.notStarted":
      "Aucune inscription n'est en cours sur ce navigateur. Commencez par votre adresse courriel.",
    "signup.outOfOrder": "Cette étape n'est pas encore disponible. Terminez d'abord l'étape « {step} ».",
    "signup.tooMany": "Trop de tentatives pour cette inscription. Recommencez depuis le début.",
    "signup.restart": "Recommencer",
    "signup.resume": "Reprendre l'inscription",
    "signup.step.email": "Adresse courriel",
    "signup.step.password": "Créer un mot de passe",
    "signup.step.profile": "Pays/région et date de naissance",
    "signup.step.code": "Confirmer l'adresse courriel",
    "signup.step.challenge": "Vérification anti-robot",
  },
  {
    "signup.title": "Create account",
    "signup.next": "Next",
    "signup.back": "Back",
    "signup.email.label": "Email address",
    "signup.email.lead":
      "Use your current email address (for example @gmail.com or @yahoo.com), or get a new @outlook.com, @hotmail.com… address.",
    "signup.email.getNew": "Get a new email address",
    "signup.email.useExisting": "Use my email address instead",
    "signup.email.newLabel": "New email address",
    "signup.email.domain": "Domain",
    "signup.email.haveAccount": "Already have an account?",
    "signup.email.signIn": "Sign in",
    "signup.email.invalid": "Enter a valid email address, for example someone@example.com.",
    "signup.email.taken":
      "{email} is already a Microsoft account. Sign in with this address or, if you forgot your password, reset it.",
    "signup.email.resetPassword": "Reset the password",
    "signup.email.workDomain":
      "You can't create a personal Microsoft account with {email}: it is a work address of the organization {organization}. Sign in with your work account, or ask its administrator to create one for you. For a personal account, use another address.",
    "signup.name.empty": "Enter the name of your new email address.",
    "signup.name.invalid":
      "Use only unaccented letters, digits, dots, hyphens and underscores, starting with a letter.",
    "signup.name.reserved": "{email} is reserved and cannot be created. Choose another address.",
    "signup.name.taken": "{email} isn't available. Try another address.",
    "signup.name.available": "{email} is available.",
    "signup.name.suggestions": "Available addresses:",
    "signup.domain.invalid": "Choose one of the domains offered.",
    "signup.password.title": "Create a password",
    "signup.password.lead": "Enter the password you would like to use with your account.",
    "signup.password.label": "Create password",
    "signup.password.show": "Show password",
    "signup.password.hint":
      "At least {min} characters. A phrase that is easy for you to remember and hard to guess works well.",
    "signup.password.tooShort": "Your password must have at least {min} characters.",
    "signup.password.tooLong": "Your password can't be longer than {max} characters.",
    "signup.password.personal":
      "Your password must not reuse your email address or your name. Choose another one.",
    "signup.password.common":
      "This password is too common: it appears in lists of known or leaked passwords. Choose another one.",
    "signup.password.weak": "This password is too easy to guess. Make it longer or add unusual words.",
    "signup.profile.lead": "We need just a little more info to set up your account.",
    "signup.profile.country": "Country/region",
    "signup.profile.birthDate": "Birthdate",
    "signup.profile.year": "Year",
    "signup.profile.month": "Month",
    "signup.profile.day": "Day",
    "signup.profile.countryInvalid": "Choose your country or region from the list.",
    "signup.birth.missing": "Enter your full birthdate: year, month and day.",
    "signup.birth.notADate": "This date doesn't exist. Check the day and the month.",
    "signup.birth.future": "Your birthdate can't be in the future.",
    "signup.birth.tooOld": "Enter a birth year from 1900 on.",
    "signup.underage.title": "A parent needs to create your account",
    "signup.underage.body":
      "In your country or region ({country}), an account for someone under {age} can only be created with the consent of a parent or guardian. Ask a parent to create the account with you or to approve it.",
    "signup.underage.nothingKept": "We have kept none of the information you entered.",
    "signup.code.title": "Verify email",
    "signup.code.sentTo": "Enter the code we sent to {email}.",
    "signup.code.junk": "If you didn't get the email, check your junk folder or try again.",
    "signup.code.label": "Enter code",
    "signup.code.resend": "Send a new code",
    "signup.code.resent": "We sent a new code to {email}.",
    "signup.code.tooSoon": "Wait {seconds} more seconds before asking for a new code.",
    "signup.code.dailyLimit": "You asked for too many codes for this address today. Try again tomorrow.",
    "signup.code.marketing":
      "I would like information, tips, and offers about Microsoft products and services, by email and phone. You can withdraw your consent at any time from your account.",
    "signup.code.terms": "Choosing {next} means that you agree to the {terms} and {privacy}.",
    "signup.code.termsLink": "Microsoft Services Agreement",
    "signup.code.privacyLink": "privacy and cookies statement",
    "signup.code.empty": "Enter the code you received by email.",
    "signup.code.wrong": "That code isn't correct. Check it and try again ({tries} tries left).",
    "signup.code.expired": "This code has expired. Ask for a new code.",
    "signup.code.burned": "Too many wrong tries: this code can no longer be used. Ask for a new code.",
    "signup.code.missing": "There is no valid code for this address. Ask for a new code.",
    "signup.challenge.title": "Let's make sure you're not a robot",
    "signup.challenge.lead":
      "Tick the box: your browser solves a small calculation, with no picture or sound to decipher. Then choose Next.",
    "signup.challenge.noscript":
      "This check needs JavaScript. Turn it on in your browser, then reload the page.",
    "signup.challenge.missing":
      "Tick “I'm not a robot” and wait for the check to finish before choosing Next.",
    "signup.challenge.invalid": "The robot check failed. Tick the box again and retry.",
    "signup.challenge.expired": "The robot check has expired. Tick the box again.",
    "signup.challenge.replayed": "This check has already been used. Tick the box again to get a new one.",
    "signup.ready.title": "Your account is ready",
    "signup.ready.body": "Your account {email} has been created and you are signed in.",
    "signup.ready.continue": "Continue",
    "signup.expired":
      "Your sign-up has expired (it stays open for one hour). Start again from the beginning: it only takes a few minutes.",
    "signup.notStarted": "No sign-up is in progress in this browser. Start with your email address.",
    "signup.outOfOrder": "This step isn't available yet. First finish the step “{step}”.",
    "signup.tooMany": "Too many attempts for this sign-up. Start again from the beginning.",
    "signup.restart": "Start again",
    "signup.resume": "Resume sign-up",
    "signup.step.email": "Email address",
    "signup.step.password": "Create a password",
    "signup.step.profile": "Country/region and birthdate",
    "signup.step.code": "Verify email",
    "signup.step.challenge": "Robot check",
  },
);

/** Sign-up's catalogue, with the mail it sends and the mailbox page it registers. */
export const signupMessages = mergeCatalogs(wizardMessages, signupMailMessages, mailboxMessages);
