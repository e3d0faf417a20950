import { defineMessages } from "@sesame/kit/i18n/i18n";

export const invitationMessages = defineMessages(
  {
    "invitation.mail.subject": "{firm} vous invite à son espace collaboratif",
    "invitation.mail.greeting": "Bonjour {name},",
    "invitation.mail.body":
      "{firm} vous invite à rejoindre son espace collaboratif, où vous échangerez documents et demandes avec le cabinet. L'accès se fait avec un compte Microsoft ; le lien ci-dessous vous guide pas à pas, selon votre situation.",
    "invitation.mail.cta": "Ouvrir mon guide de connexion",
    "invitation.mail.expiry":
      "Ce lien personnel est valable 14 jours et ne sert qu'une fois. Ne le transférez pas.",
    "invitation.mail.ignore": "Si vous n'attendiez pas ce message, vous pouvez l'ignorer.",
    "forward.mail.subject": "Approbation de l'application de {firm} pour votre organisation",
    "forward.mail.body":
      "{name} ({email}) vous demande d'approuver l'application de {firm} pour votre organisation Microsoft 365. Il faut être Administrateur général ou Administrateur d'application. Connectez-vous à Microsoft 365, puis ouvrez ce lien et choisissez « Accepter » (cochez « Consentement au nom de votre organisation » si la case est proposée) :",
    "forward.mail.why":
      "Pourquoi ? L'application permet à vos collaborateurs de se connecter à l'espace collaboratif du cabinet avec leur compte Microsoft 365 ; elle ne lit que leur profil de base (User.Read).",
    "guide.title": "Votre accès à l'espace collaboratif",
    "guide.lead": "{firm} vous invite à son espace collaboratif. Voici votre prochaine étape.",
    "guide.for": "Invitation pour {email}",
    "guide.step.create.title": "Créer un compte Microsoft gratuit",
    "guide.step.create.text":
      "Votre adresse {email} n'a pas encore de compte Microsoft. Créez un compte Microsoft gratuit avec cette adresse : comptez cinq minutes (mot de passe, pays et date de naissance, code reçu par courriel). Vous reviendrez ensuite automatiquement, déjà connecté à votre espace.",
    "guide.step.create.button": "Créer un compte Microsoft gratuit",
    "guide.step.approve.workflow.title": "Votre organisation accepte les demandes d'approbation ?",
    "guide.step.approve.workflow.text":
      "Connectez-vous ci-dessous. Si la page Microsoft « Approbation de l'administrateur requise » vous propose « Demander l'approbation », expliquez en une phrase pourquoi vous avez besoin de l'espace du cabinet et envoyez la demande : les approbateurs de votre organisation la reçoivent par courrier. Vous recevrez un courrier dès qu'ils l'auront approuvée ou refusée ; une fois approuvée, revenez ici et connectez-vous.",
    "guide.step.approve.workflow.signin": "Se connecter et demander l'approbation",
    "guide.step.approve.workflow.sent": "J'ai envoyé la demande depuis la page Microsoft",
    "guide.step.approve.workflow.noted":
      "Demande notée : le cabinet voit que l'approbation a été demandée. Vous recevrez le courrier de Microsoft quand votre organisation aura décidé.",
    "guide.step.approve.title": "Faire approuver l'application par votre organisation",
    "guide.step.approve.text":
      "Votre adresse {email} est un compte professionnel Microsoft 365 de l'organisation {domain}. Avant votre première connexion, votre organisation doit approuver l'application du cabinet, une seule fois pour toute l'organisation.",
    "guide.step.approve.who":
      "Qui peut le faire ? Un Administrateur général ou un Administrateur d'application de votre compte Microsoft 365. Si c'est vous, connectez-vous à Microsoft 365 puis ouvrez le lien d'approbation. Sinon, transmettez-le à votre administrateur.",
    "guide.step.approve.why":
      "Pourquoi ? Microsoft demande l'accord d'un administrateur avant qu'une application extérieure puisse connecter les comptes de l'organisation. L'application ne lit que votre profil de base.",
    "guide.step.approve.button": "Ouvrir le lien d'approbation",
    "guide.step.approve.link": "Lien d'approbation à transmettre :",
    "guide.step.approve.revoked":
      "Votre organisation avait approuvé l'application, puis a retiré cette approbation. Elle doit l'approuver à nouveau.",
    "guide.forward.title": "Transmettre le lien à votre administrateur",
    "guide.forward.email": "Adresse courriel de votre administrateur",
    "guide.forward.send": "Envoyer le lien",
    "guide.forward.sent":
      "Le lien d'approbation a été envoyé à {email}. Revenez sur cette page quand votre administrateur a approuvé.",
    "guide.forward.invalid": "Indiquez une adresse courriel valide.",
    "guide.forward.limit": "Le lien a déjà été envoyé plusieurs fois. Patientez avant d'en envoyer un autre.",
    "guide.recheck": "Vérifier à nouveau",
    "guide.step.signin.title": "Se connecter",
    "guide.step.signin.text":
      "Votre compte Microsoft {email} est prêt. Connectez-vous pour accéder à vos dossiers.",
    "guide.step.signin.button": "Se connecter avec Microsoft",
    "guide.step.later.title": "Vérification impossible pour l'instant",
    "guide.step.later.text":
      "Nous n'avons pas pu vérifier votre compte Microsoft. Réessayez dans quelques minutes.",
    "guide.problem.title": "Ce lien ne peut plus servir",
    "guide.problem.unknown":
      "Ce lien d'invitation n'est pas reconnu. Vérifiez que vous avez copié l'adresse complète, ou demandez une nouvelle invitation au cabinet.",
    "guide.problem.revoked":
      "Cette invitation a été annulée par le cabinet. Demandez-lui une nouvelle invitation si besoin.",
    "guide.problem.expired":
      "Cette invitation a expiré (elle est valable 14 jours). Demandez au cabinet de vous la renvoyer.",
    "guide.problem.used":
      "Cette invitation a déjà servi. Connectez-vous directement avec votre compte Microsoft.",
    "guide.problem.signin": "Se connecter",
  },
  {
    "invitation.mail.subject": "{firm} invites you to its collaborative space",
    "invitation.mail.greeting": "Hello {name},",
    "invitation.mail.body":
      "{firm} invites you to join its collaborative space, where you will exchange documents and requests with the firm. You sign in with a Microsoft account; the link below guides you step by step, according to your situation.",
    "invitation.mail.cta": "Open my sign-in guide",
    "invitation.mail.expiry": "This personal link is valid for 14 days and works once. Do not forward it.",
    "invitation.mail.ignore": "If you were not expecting this message, you can ignore it.",
    "forward.mail.subject": "Approval of the {firm} application for your organization",
    "forward.mail.body":
      '{name} ({email}) asks you to approve the {firm} application for your Microsoft 365 organization. You need to be a Global Administrator or an Application Administrator. Sign in to Microsoft 365, then open this link and choose "Accept" (tick "Consent on behalf of your organization" if offered):',
    "forward.mail.why":
      "Why? The application lets your colleagues sign in to the firm's collaborative space with their Microsoft 365 account; it only reads their basic profile (User.Read).",
    "guide.title": "Your access to the collaborative space",
    "guide.lead": "{firm} invites you to its collaborative space. Here is your next step.",
    "guide.for": "Invitation for {email}",
    "guide.step.create.title": "Create a free Microsoft account",
    "guide.step.create.text":
      "Your address {email} has no Microsoft account yet. Create a free Microsoft account with this address: it takes about five minutes (password, country and date of birth, a code sent by email). You will then come back automatically, already signed in to your space.",
    "guide.step.create.button": "Create a free Microsoft account",
    "guide.step.approve.workflow.title": "Does your organization accept approval requests?",
    "guide.step.approve.workflow.text":
      'Sign in below. If Microsoft\'s "Need admin approval" page offers "Request approval", explain in one sentence why you need the firm\'s space and send the request: your organization\'s reviewers get it by e-mail. You will get an e-mail as soon as they approve or deny it; once it is approved, come back here and sign in.',
    "guide.step.approve.workflow.signin": "Sign in and request approval",
    "guide.step.approve.workflow.sent": "I sent the request from the Microsoft page",
    "guide.step.approve.workflow.noted":
      "Request noted: the firm sees that approval was requested. You will get Microsoft's e-mail when your organization has decided.",
    "guide.step.approve.title": "Have your organization approve the application",
    "guide.step.approve.text":
      "Your address {email} is a work Microsoft 365 account of the organization {domain}. Before your first sign-in, your organization must approve the firm's application, once for the whole organization.",
    "guide.step.approve.who":
      "Who can do it? A Global Administrator or an Application Administrator of your Microsoft 365 account. If that is you, sign in to Microsoft 365 and open the approval link. Otherwise, forward it to your administrator.",
    "guide.step.approve.why":
      "Why? Microsoft requires an administrator's agreement before an outside application may sign in the organization's accounts. The application only reads your basic profile.",
    "guide.step.approve.button": "Open the approval link",
    "guide.step.approve.link": "Approval link to forward:",
    "guide.step.approve.revoked":
      "Your organization had approved the application, then withdrew that approval. It must approve it again.",
    "guide.forward.title": "Forward the link to your administrator",
    "guide.forward.email": "Your administrator's email address",
    "guide.forward.send": "Send the link",
    "guide.forward.sent":
      "The approval link was sent to {email}. Come back to this page once your administrator has approved.",
    "guide.forward.invalid": "Enter a valid email address.",
    "guide.forward.limit": "The link has already been sent several times. Wait before sending another one.",
    "guide.recheck": "Check again",
    "guide.step.signin.title": "Sign in",
    "guide.step.signin.text": "Your Microsoft account {email} is ready. Sign in to see your client files.",
    "guide.step.signin.button": "Sign in with Microsoft",
    "guide.step.later.title": "Cannot check right now",
    "guide.step.later.text": "We could not check your Microsoft account. Try again in a few minutes.",
    "guide.problem.title": "This link can no longer be used",
    "guide.problem.unknown":
      "This invitation link is not recognised. Check that you copied the whole address, or ask the firm for a new invitation.",
    "guide.problem.revoked": "This invitation was cancelled by the firm. Ask them for a new one if needed.",
    "guide.problem.expired":
      "This invitation has expired (it is valid for 14 days). Ask the firm to send it again.",
    "guide.problem.used":
      "This invitation has already been used. Sign in directly with your Microsoft account.",
    "guide.problem.signin": "Sign in",
  },
);
