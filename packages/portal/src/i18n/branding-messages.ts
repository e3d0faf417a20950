import { defineMessages } from "@sesame/kit/i18n/i18n";

export const brandingMessages = defineMessages(
  {
    "branding.nav": "Image du cabinet",
    "branding.title": "Image du cabinet",
    "branding.lead":
      "Votre logo, votre couleur et le nom d'expéditeur de vos courriels : vos clients les voient sur le guide, dans leur espace et dans les invitations et rappels.",
    "branding.logo": "Logo",
    "branding.logo.file": "Nouveau logo (facultatif)",
    "branding.logo.hint":
      "PNG, JPEG ou WebP, {kb} Ko au plus. Le type est vérifié dans le contenu du fichier.",
    "branding.logo.current": "Logo actuel de {firm}",
    "branding.logo.none": "Aucun logo pour l'instant : le nom du cabinet s'affiche seul.",
    "branding.logo.remove": "Retirer le logo",
    "branding.logo.tooLarge": "Ce fichier est trop lourd : {kb} Ko au plus.",
    "branding.logo.type":
      "Ce fichier n'est pas une image PNG, JPEG ou WebP (le contenu du fichier a été vérifié).",
    "branding.logo.none404": "Ce cabinet n'a pas de logo.",
    "branding.colour": "Couleur",
    "branding.colour.label": "Couleur des boutons et du bandeau (#rrggbb, facultatif)",
    "branding.colour.hint":
      "Elle porte du texte blanc : elle doit être assez foncée pour rester lisible (contraste de 4,5:1 au moins).",
    "branding.colour.invalid": "Indiquez une couleur au format #rrggbb, par exemple #1f4e79.",
    "branding.colour.contrast":
      "Cette couleur est trop claire pour du texte blanc (contraste de {ratio}:1, il faut 4,5:1) : choisissez une teinte plus foncée.",
    "branding.sender": "Expéditeur des courriels",
    "branding.sender.label": "Nom d'expéditeur (facultatif)",
    "branding.sender.hint": "Sans nom, vos courriels partent au nom de « {firm} ».",
    "branding.sender.invalid": "Le nom d'expéditeur tient sur une ligne de 80 caractères au plus.",
    "branding.save": "Enregistrer",
    "branding.badUpload": "L'envoi du formulaire a été interrompu : réessayez.",
    "flash.brandingSaved": "Image du cabinet enregistrée.",
    "journal.action.firm.branding": "{actor} a modifié l'image du cabinet",
    "journal.kind.firm.branding": "Image du cabinet",
  },
  {
    "branding.nav": "Firm branding",
    "branding.title": "Firm branding",
    "branding.lead":
      "Your logo, your colour and the sender name of your mails: your clients see them in the guide, in their space and in invitations and reminders.",
    "branding.logo": "Logo",
    "branding.logo.file": "New logo (optional)",
    "branding.logo.hint": "PNG, JPEG or WebP, {kb} KB at most. The type is checked in the file's content.",
    "branding.logo.current": "Current logo of {firm}",
    "branding.logo.none": "No logo yet: the firm's name is shown on its own.",
    "branding.logo.remove": "Remove the logo",
    "branding.logo.tooLarge": "This file is too large: {kb} KB at most.",
    "branding.logo.type": "This file is not a PNG, JPEG or WebP image (its content was checked).",
    "branding.logo.none404": "This firm has no logo.",
    "branding.colour": "Colour",
    "branding.colour.label": "Colour of buttons and header (#rrggbb, optional)",
    "branding.colour.hint":
      "It carries white text: it must be dark enough to stay readable (contrast of at least 4.5:1).",
    "branding.colour.invalid": "Give a colour as #rrggbb, for example #1f4e79.",
    "branding.colour.contrast":
      "This colour is too light for white text (contrast {ratio}:1, 4.5:1 needed): choose a darker shade.",
    "branding.sender": "Mail sender",
    "branding.sender.label": "Sender name (optional)",
    "branding.sender.hint": "Without one, your mails are sent as “{firm}”.",
    "branding.sender.invalid": "The sender name is one line of at most 80 characters.",
    "branding.save": "Save",
    "branding.badUpload": "The form's upload was cut off: try again.",
    "flash.brandingSaved": "Firm branding saved.",
    "journal.action.firm.branding": "{actor} changed the firm's branding",
    "journal.kind.firm.branding": "Firm branding",
  },
);
