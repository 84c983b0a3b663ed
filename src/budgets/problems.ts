import { catalogueOf } from '../web/i18n/messages.js';

/** Budgets’ problems: each row is [English, French, Dutch]. */
const rows = {
  'budget.problem.treasurer': ['This treasurer', 'Ce trésorier', 'Deze penningmeester'],
  'budget.problem.categorySet': ['This category set', 'Cet ensemble de catégories', 'Deze reeks categorieën'],
  'budget.problem.grant': ['This grant', 'Cette subvention', 'Deze subsidie'],
  'budget.problem.setExists': [
    'A category set named "{name}" exists already.',
    'Un ensemble de catégories nommé « {name} » existe déjà.',
    'Er bestaat al een reeks categorieën met de naam "{name}".',
  ],
  'budget.problem.notACategory': [
    '"{code}" is not one of the network’s expense categories.',
    '« {code} » n’est pas une catégorie de dépenses du réseau.',
    '"{code}" is geen uitgavencategorie van het netwerk.',
  ],
  'budget.problem.unknownCategories': [
    'Unknown categories: {list}.',
    'Catégories inconnues : {list}.',
    'Onbekende categorieën: {list}.',
  ],
  'budget.problem.lineGrant': [
    'A budget line names an unknown grant.',
    'Une ligne du budget cite une subvention inconnue.',
    'Een begrotingslijn noemt een onbekende subsidie.',
  ],
  'budget.problem.lineCategory': [
    'A budget line names an unknown category.',
    'Une ligne du budget cite une catégorie inconnue.',
    'Een begrotingslijn noemt een onbekende categorie.',
  ],
  'budget.problem.notExpenseCategory': [
    'is not an expense category of the network',
    'n’est pas une catégorie de dépenses du réseau',
    'is geen uitgavencategorie van het netwerk',
  ],
} as const;

export const budgetProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
