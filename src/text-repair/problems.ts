import { catalogueOf } from '../web/i18n/messages.js';

/** Text repairs’ problems: each row is [English, French, Dutch]. */
const rows = {
  'textRepair.problem.repair': ['This repair', 'Cette correction', 'Deze correctie'],
  'textRepair.problem.decided': [
    'This word was already decided.',
    'Ce mot a déjà été tranché.',
    'Over dit woord is al beslist.',
  ],
  'textRepair.problem.notApplied': [
    'Only an applied repair can be undone.',
    'Seule une correction appliquée peut être annulée.',
    'Alleen een toegepaste correctie kan ongedaan worden gemaakt.',
  ],
  'textRepair.problem.gone': [
    'The word is no longer in the text (it was edited since): nothing changed.',
    'Le mot n’est plus dans le texte (il a été modifié depuis) : rien n’a changé.',
    'Het woord staat niet meer in de tekst (die is intussen bewerkt): er is niets gewijzigd.',
  ],
  'textRepair.problem.unrelated': [
    '“{choice}” has little in common with the damaged “{damaged}”: the damage only loses accented letters, yet {count, plural, one {# of the other letters differs} other {# of the other letters differ}}. Check that it is the word that was meant, then confirm.',
    '« {choice} » a peu en commun avec le texte abîmé « {damaged} » : l’altération ne touche que les lettres accentuées, or {count, plural, one {# des autres lettres diffère} other {# des autres lettres diffèrent}}. Vérifiez que c’est bien le mot voulu, puis confirmez.',
    '“{choice}” heeft weinig gemeen met de beschadigde tekst “{damaged}”: de schade laat alleen letters met accenten verdwijnen, maar {count, plural, one {# van de andere letters verschilt} other {# van de andere letters verschillen}}. Kijk na of het het bedoelde woord is en bevestig dan.',
  ],
} as const;

export const textRepairProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
