import { catalogueOf } from '../web/i18n/messages.js';

/** Calls’ and submissions’ problems: each row is [English, French, Dutch]. */
const rows = {
  'call.problem.notField': [
    'is not a field of this call',
    'n’est pas un champ de cet appel',
    'is geen veld van deze oproep',
  ],
  'call.problem.isFile': [
    'is a file: upload it to /files/(field)',
    'est un fichier : envoyez-le à /files/(champ)',
    'is een bestand: laad het op naar /files/(veld)',
  ],
  'call.problem.wholeCents': [
    'must be a whole number of cents',
    'doit être un nombre entier de centimes',
    'moet een geheel aantal cent zijn',
  ],
  'call.problem.links': [
    'must be a list of at most 10 http(s) addresses',
    'doit être une liste de 10 adresses http(s) au plus',
    'moet een lijst van hoogstens 10 http(s)-adressen zijn',
  ],
  'call.problem.eligibility': [
    'must be answered yes to apply to this call',
    'doit recevoir la réponse oui pour postuler à cet appel',
    'moet met ja beantwoord worden om aan deze oproep deel te nemen',
  ],
  'call.problem.metadata': [
    'carries metadata that cannot be removed safely',
    'contient des métadonnées qui ne peuvent pas être retirées sans risque',
    'bevat metadata die niet veilig kunnen worden verwijderd',
  ],
  'call.problem.pdfCompressed': [
    'This PDF keeps its author information in compressed objects, which cannot be removed safely here. Export it again with "Print to PDF" (or without document properties) and upload that file.',
    'Ce PDF garde les informations sur son auteur dans des objets compressés, qui ne peuvent pas être retirés sans risque ici. Exportez-le à nouveau avec « Imprimer en PDF » (ou sans les propriétés du document) et envoyez ce fichier.',
    'Deze pdf bewaart de auteursgegevens in gecomprimeerde objecten, die hier niet veilig kunnen worden verwijderd. Exporteer hem opnieuw met "Afdrukken naar pdf" (of zonder documenteigenschappen) en laad dat bestand op.',
  ],
  'call.problem.pdfDamaged': [
    'This PDF is damaged: its document information cannot be read.',
    'Ce PDF est endommagé : ses informations de document ne peuvent pas être lues.',
    'Deze pdf is beschadigd: de documentgegevens kunnen niet worden gelezen.',
  ],
  'call.problem.pdfXmp': [
    'This PDF keeps its XMP metadata compressed, which cannot be removed safely here. Export it again without document properties and upload that file.',
    'Ce PDF garde ses métadonnées XMP compressées, qui ne peuvent pas être retirées sans risque ici. Exportez-le à nouveau sans les propriétés du document et envoyez ce fichier.',
    'Deze pdf bewaart zijn XMP-metadata gecomprimeerd, die hier niet veilig kunnen worden verwijderd. Exporteer hem opnieuw zonder documenteigenschappen en laad dat bestand op.',
  ],
  'call.problem.unreadableFile': [
    'This file is neither a PDF, a picture nor a Word document that can be read.',
    'Ce fichier n’est ni un PDF, ni une image, ni un document Word lisible.',
    'Dit bestand is geen leesbare pdf, afbeelding of Word-document.',
  ],
  'call.problem.accepted': [
    'Only PDF, pictures and Word documents (.docx) are accepted.',
    'Seuls les PDF, les images et les documents Word (.docx) sont acceptés.',
    'Alleen pdf’s, afbeeldingen en Word-documenten (.docx) worden aanvaard.',
  ],
  'call.problem.call': ['Call {id}', 'L’appel {id}', 'Oproep {id}'],
  'call.problem.keyTwice': [
    'key "{key}" is used twice',
    'la clé « {key} » est utilisée deux fois',
    'sleutel "{key}" wordt twee keer gebruikt',
  ],
  'call.problem.criterionCounts': [
    'at least one criterion must count in the total',
    'au moins un critère doit compter dans le total',
    'minstens één criterium moet meetellen in het totaal',
  ],
  'call.problem.tieBreak': [
    'must name one of the criteria',
    'doit nommer l’un des critères',
    'moet een van de criteria noemen',
  ],
  'call.problem.tiersBudget': [
    'add up to {cents} cents, more than the budget',
    'totalisent {cents} centimes, plus que le budget',
    'komen samen op {cents} cent, meer dan het budget',
  ],
  'call.problem.choiceOptions': [
    'a choice needs options',
    'un choix a besoin d’options',
    'een keuze heeft opties nodig',
  ],
  'call.problem.rules': [
    'The call’s rules do not hold together.',
    'Les règles de l’appel ne sont pas cohérentes.',
    'De regels van de oproep kloppen niet samen.',
  ],
  'call.problem.frozen': [
    'This call is open: it is frozen. Give the reason for the change to publish it as a new, logged version; applicants and jurors will be told.',
    'Cet appel est ouvert : il est figé. Donnez la raison de la modification pour la publier comme nouvelle version, consignée ; les candidats et les jurés en seront informés.',
    'Deze oproep is open: ze ligt vast. Geef de reden van de wijziging om ze als nieuwe, gelogde versie te publiceren; kandidaten en juryleden worden verwittigd.',
  ],
  'call.problem.frozenField': [
    'is required once the call has opened',
    'est requis une fois l’appel ouvert',
    'is verplicht zodra de oproep open is',
  ],
  'call.problem.closeAfterOpen': [
    'The call must close after it opens.',
    'L’appel doit se clôturer après son ouverture.',
    'De oproep moet sluiten na de opening.',
  ],
  'call.problem.closeAfterOpenField': [
    'must be after the opening date',
    'doit être après la date d’ouverture',
    'moet na de openingsdatum liggen',
  ],
  'call.problem.fileTooLarge': ['File too large.', 'Fichier trop volumineux.', 'Bestand te groot.'],
  'call.problem.file': ['This file', 'Ce fichier', 'Dit bestand'],
  'call.problem.closed': [
    'This call closed on {closed} (Brussels time); the server received your request on {now}. Submissions and changes are no longer accepted.',
    'Cet appel s’est clôturé le {closed} (heure de Bruxelles) ; le serveur a reçu votre demande le {now}. Les candidatures et modifications ne sont plus acceptées.',
    'Deze oproep sloot op {closed} (Brusselse tijd); de server ontving je verzoek op {now}. Inzendingen en wijzigingen worden niet meer aanvaard.',
  ],
  'call.problem.closedField': ['the call is closed', 'l’appel est clôturé', 'de oproep is gesloten'],
  'call.problem.opensOn': [
    'This call opens on {when} (Brussels time).',
    'Cet appel ouvre le {when} (heure de Bruxelles).',
    'Deze oproep opent op {when} (Brusselse tijd).',
  ],
  'call.problem.submission': ['Submission {id}', 'La candidature {id}', 'Inzending {id}'],
  'call.problem.submissionLink': ['This submission link', 'Ce lien de candidature', 'Deze inzendingslink'],
  'call.problem.incomplete': [
    'The submission cannot be submitted yet: {count, plural, one {# field} other {# fields}} to complete.',
    'La candidature ne peut pas encore être envoyée : {count, plural, one {# champ} other {# champs}} à compléter.',
    'De inzending kan nog niet worden ingediend: {count, plural, one {# veld} other {# velden}} in te vullen.',
  ],
  'call.problem.answers': [
    'Some answers do not fit the call’s form.',
    'Certaines réponses ne correspondent pas au formulaire de l’appel.',
    'Sommige antwoorden passen niet bij het formulier van de oproep.',
  ],
  'call.problem.applicantChanges': [
    'Only the applicant may change a submission.',
    'Seul le candidat peut modifier une candidature.',
    'Alleen de kandidaat mag een inzending wijzigen.',
  ],
  'call.problem.applicantFiles': [
    'Only the applicant may attach files.',
    'Seul le candidat peut joindre des fichiers.',
    'Alleen de kandidaat mag bestanden toevoegen.',
  ],
  'call.problem.notFileField': [
    '{field} is not a file field of this call.',
    '{field} n’est pas un champ fichier de cet appel.',
    '{field} is geen bestandsveld van deze oproep.',
  ],
  'call.problem.notFileFieldShort': ['is not a file field', 'n’est pas un champ fichier', 'is geen bestandsveld'],
} as const;

export const callProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
