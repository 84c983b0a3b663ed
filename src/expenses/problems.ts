import { catalogueOf } from '../web/i18n/messages.js';

/** Expenses’ problems: each row is [English, French, Dutch]. */
const rows = {
  'expenses.problem.amountsAllOrNone': [
    'give an amount for every event, or for none (an equal split)',
    'indiquez un montant pour chaque événement, ou pour aucun (partage égal)',
    'geef een bedrag op voor elk evenement, of voor geen enkel (gelijke verdeling)',
  ],
  'expenses.problem.eventTwice': [
    'names the same event twice',
    'cite deux fois le même événement',
    'noemt hetzelfde evenement twee keer',
  ],
  'expenses.problem.grantTwice': [
    'names the same grant twice',
    'cite deux fois la même subvention',
    'noemt dezelfde subsidie twee keer',
  ],
  'expenses.problem.sharesSum': [
    'shares add up to {sum} cents, not the amount of {amount}',
    'les parts totalisent {sum} centimes, pas le montant de {amount}',
    'de delen komen samen op {sum} cent, niet het bedrag van {amount}',
  ],
  'expenses.problem.sign': [
    'must have the sign of the amount',
    'doit avoir le signe du montant',
    'moet het teken van het bedrag hebben',
  ],
  'expenses.problem.otherChapter': [
    'is an event of another chapter than the expense’s',
    'est un événement d’une autre antenne que celle de la dépense',
    'is een evenement van een andere afdeling dan die van de uitgave',
  ],
  'expenses.problem.funderCategory': [
    '{funder} does not fund the category "{category}"',
    '{funder} ne finance pas la catégorie « {category} »',
    '{funder} financiert de categorie "{category}" niet',
  ],
  'expenses.problem.period': [
    'the expense date is outside the grant period {start} – {end}',
    'la date de la dépense est hors de la période de subvention {start} – {end}',
    'de datum van de uitgave valt buiten de subsidieperiode {start} – {end}',
  ],
  'expenses.problem.funderChapter': [
    '{funder} funds another chapter’s expenses',
    '{funder} finance les dépenses d’une autre antenne',
    '{funder} financiert de uitgaven van een andere afdeling',
  ],
  'expenses.problem.grantMax': [
    'a grant may fund at most 100 % of the line',
    'une subvention peut financer au plus 100 % de la ligne',
    'een subsidie kan hoogstens 100 % van de lijn financieren',
  ],
  'expenses.problem.grantsTogether': [
    'grants together fund {granted} cents, more than the line’s {amount}',
    'les subventions financent ensemble {granted} centimes, plus que les {amount} de la ligne',
    'de subsidies financieren samen {granted} cent, meer dan de {amount} van de lijn',
  ],
  'expenses.problem.allocation': [
    'The allocation of this expense is not valid.',
    'La répartition de cette dépense n’est pas valable.',
    'De verdeling van deze uitgave is niet geldig.',
  ],
  'expenses.problem.expense': ['This expense', 'Cette dépense', 'Deze uitgave'],
  'expenses.problem.receipt': ['This receipt', 'Ce justificatif', 'Dit bewijsstuk'],
  'expenses.problem.notEditable': [
    'This expense is {status}: only drafts and incomplete expenses change.',
    'Cette dépense est {status} : seules les dépenses en brouillon ou incomplètes changent.',
    'Deze uitgave is {status}: alleen ontwerpen en onvolledige uitgaven veranderen.',
  ],
  'expenses.problem.wrongStatus': [
    'This expense is {status}: it cannot be {verb, select, submitted {submitted} approved {approved} rejected {rejected} paid {paid} other {sent back}} (only when {allowed}).',
    'Cette dépense est {status} : elle ne peut pas être {verb, select, submitted {soumise} approved {approuvée} rejected {refusée} paid {payée} other {renvoyée}} (seulement si {allowed}).',
    'Deze uitgave is {status}: ze kan niet worden {verb, select, submitted {ingediend} approved {goedgekeurd} rejected {geweigerd} paid {betaald} other {teruggestuurd}} (alleen als {allowed}).',
  ],
  'expenses.problem.needsReceipt': [
    'A reimbursement needs at least one receipt: add it, then submit.',
    'Un remboursement demande au moins un justificatif : ajoutez-le, puis soumettez.',
    'Een terugbetaling heeft minstens één bewijsstuk nodig: voeg het toe en dien dan in.',
  ],
  'expenses.problem.needsReceiptField': [
    'at least one receipt is required for a reimbursement',
    'au moins un justificatif est requis pour un remboursement',
    'voor een terugbetaling is minstens één bewijsstuk nodig',
  ],
  'expenses.problem.selfApproval': [
    'Above {limit} EUR an expense is approved by someone other than its submitter.',
    'Au-delà de {limit} EUR, une dépense est approuvée par quelqu’un d’autre que la personne qui l’a soumise.',
    'Boven {limit} EUR wordt een uitgave goedgekeurd door iemand anders dan de indiener.',
  ],
  'expenses.problem.selfApprovalField': [
    'must not be the submitter above the limit',
    'ne peut pas être la personne qui a soumis au-delà de la limite',
    'mag boven de limiet niet de indiener zijn',
  ],
  'expenses.problem.receiptsFinal': [
    'This expense is {status}: its receipts are final.',
    'Cette dépense est {status} : ses justificatifs sont définitifs.',
    'Deze uitgave is {status}: de bewijsstukken zijn definitief.',
  ],
  'expenses.problem.owedOnErase': [
    'This account cannot be deleted while the network owes it money: nobody could pay it afterwards. Settle first (pay or reject) {count, plural, one {this expense} other {these # expenses}}: {list}.',
    'Ce compte ne peut pas être supprimé tant que le réseau lui doit de l’argent : plus personne ne pourrait le rembourser. Réglez d’abord (payez ou refusez) {count, plural, one {cette dépense} other {ces # dépenses}} : {list}.',
    'Dit account kan niet verwijderd worden zolang het netwerk het geld verschuldigd is: niemand zou het daarna nog kunnen terugbetalen. Regel eerst (betaal of weiger) {count, plural, one {deze uitgave} other {deze # uitgaven}}: {list}.',
  ],
} as const;

export const expenseProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
