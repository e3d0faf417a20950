import { defineMessages } from "@sesame/kit/i18n/i18n";

export const importMessages = defineMessages(
  {
    "import.title": "Import de dossiers et d'interlocuteurs",
    "import.lead":
      "Collez le contenu d'un fichier CSV (séparateur « ; » ou « , », première ligne = noms des colonnes). Vérifiez d'abord : rien n'est enregistré tant qu'une ligne contient une erreur.",
    "import.kind": "Contenu du fichier",
    "import.kind.dossiers":
      "Dossiers : raison sociale ; siren ; siret ; adresse ; expert-comptable (courriel) ; état",
    "import.kind.interlocuteurs":
      "Interlocuteurs : civilité ; prénom ; nom ; email ; téléphone ; langue ; dossier (SIREN) ; droits",
    "import.csv": "Contenu CSV",
    "import.check": "Vérifier (rien n'est enregistré)",
    "import.apply": "Importer",
    "import.report": "Rapport de vérification",
    "import.ok": "{count} ligne(s) valide(s), aucune erreur.",
    "import.failed":
      "{count} ligne(s) en erreur : rien n'a été enregistré. Corrigez le fichier puis vérifiez à nouveau.",
    "import.line": "Ligne {line}",
    "import.done": "{count} ligne(s) importée(s).",
    "import.unreadable":
      "Le contenu n'a pas pu être lu comme un fichier CSV avec une ligne d'en-tête. Vérifiez le séparateur et les guillemets.",
    "import.error.accountant":
      "L'expert-comptable indiqué ne fait pas partie du cabinet (indiquez son adresse courriel).",
    "import.error.sirenTaken":
      "Un dossier existe déjà avec ce SIREN (dans le cabinet ou plus haut dans le fichier).",
    "import.error.emailTaken":
      "Un interlocuteur existe déjà avec cette adresse (dans le cabinet ou plus haut dans le fichier).",
    "import.error.dossier": "Aucun dossier du cabinet n'a le SIREN indiqué dans la colonne dossier.",
  },
  {
    "import.title": "Import client files and contacts",
    "import.lead":
      'Paste the content of a CSV file (separator ";" or ",", first line = column names). Check first: nothing is saved while a line has an error.',
    "import.kind": "File content",
    "import.kind.dossiers":
      "Client files: raison sociale; siren; siret; adresse; expert-comptable (email); état",
    "import.kind.interlocuteurs":
      "Contacts: civilité; prénom; nom; email; téléphone; langue; dossier (SIREN); droits",
    "import.csv": "CSV content",
    "import.check": "Check (nothing is saved)",
    "import.apply": "Import",
    "import.report": "Check report",
    "import.ok": "{count} valid line(s), no error.",
    "import.failed": "{count} line(s) with errors: nothing was saved. Fix the file, then check again.",
    "import.line": "Line {line}",
    "import.done": "{count} line(s) imported.",
    "import.unreadable":
      "The content could not be read as a CSV file with a header line. Check the separator and the quotes.",
    "import.error.accountant": "The accountant given is not on the firm's staff (give their email address).",
    "import.error.sirenTaken":
      "A client file already exists with this SIREN (in the firm or higher up in the file).",
    "import.error.emailTaken":
      "A contact already exists with this address (in the firm or higher up in the file).",
    "import.error.dossier": "No client file of the firm has the SIREN given in the dossier column.",
  },
);
