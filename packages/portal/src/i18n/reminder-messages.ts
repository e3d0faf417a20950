import { defineMessages } from "@sesame/kit/i18n/i18n";

export const reminderMessages = defineMessages(
  {
    "reminder.mail.subject": "Rappel : {firm} vous attend sur son espace collaboratif",
    "reminder.mail.greeting": "Bonjour {name},",
    "reminder.mail.body":
      "{firm} vous a invité il y a {days} jours à rejoindre son espace collaboratif, et votre accès n'est pas encore prêt. Le lien ci-dessous vous montre votre prochaine étape.",
    "reminder.mail.cta": "Ouvrir mon guide de connexion",
    "reminder.mail.expiry": "Ce lien personnel reste valable jusqu'au {date}. Ne le transférez pas.",
    "reminder.actor": "Rappel automatique",
    "reminder.settings.title": "Rappels automatiques",
    "reminder.settings.lead":
      "Une invitation restée sans réponse est rappelée automatiquement au contact, dans sa langue, aux jours indiqués après l'envoi. Les rappels s'arrêtent dès que le contact a accepté, ou que l'invitation est révoquée ou expirée (14 jours).",
    "reminder.settings.days":
      "Jours de rappel après l'invitation (séparés par des virgules, de 1 à 13 ; vide : aucun rappel)",
    "reminder.settings.save": "Enregistrer les rappels",
    "reminder.settings.saved": "Les rappels automatiques ont été enregistrés.",
    "reminder.settings.invalid":
      "Indiquez des jours différents entre 1 et 13, séparés par des virgules (par exemple « 3, 7 »).",
    "reminder.settings.off": "Aucun rappel automatique n'est envoyé.",
    "reminder.settings.current": "Rappels envoyés {days} jours après l'invitation.",
  },
  {
    "reminder.mail.subject": "Reminder: {firm} is waiting for you on its collaborative space",
    "reminder.mail.greeting": "Hello {name},",
    "reminder.mail.body":
      "{firm} invited you {days} days ago to join its collaborative space, and your access is not ready yet. The link below shows your next step.",
    "reminder.mail.cta": "Open my sign-in guide",
    "reminder.mail.expiry": "This personal link stays valid until {date}. Do not forward it.",
    "reminder.actor": "Automatic reminder",
    "reminder.settings.title": "Automatic reminders",
    "reminder.settings.lead":
      "An unanswered invitation is automatically brought back to the contact, in their language, on the days given after it was sent. Reminders stop as soon as the contact has accepted, or the invitation is revoked or expired (14 days).",
    "reminder.settings.days":
      "Reminder days after the invitation (comma-separated, 1 to 13; empty: no reminder)",
    "reminder.settings.save": "Save reminders",
    "reminder.settings.saved": "The automatic reminders were saved.",
    "reminder.settings.invalid":
      'Give distinct days between 1 and 13, separated by commas (for example "3, 7").',
    "reminder.settings.off": "No automatic reminder is sent.",
    "reminder.settings.current": "Reminders sent {days} days after the invitation.",
  },
);
