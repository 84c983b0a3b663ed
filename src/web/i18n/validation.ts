/**
 * web/'s messages for the checks schemas and forms of several features share: one-line texts,
 * amounts of money typed by people (web/money.ts), decimals. Spread into en.ts, fr.ts and nl.ts.
 */
export const validationEn = {
  'validation.oneLine': 'must be one line without control characters',
  'validation.noControl': 'must not contain control characters other than line breaks and tabs',
  'validation.notZero': 'must not be zero',
  'validation.twoDecimals': 'must have at most two decimals',
  'validation.repeated': 'has the same value twice',
  'validation.amountEmpty': 'is empty: write an amount such as 12,50',
  'validation.amountUnreadable': '“{input}” is not an amount: write it like 12,50 or 1.234,56',
  'validation.amountAmbiguous':
    '“{input}” is ambiguous (a thousand, or one euro and some cents?): write {thousand} or {units}',
  'validation.amountDecimals': '“{input}” has more than two decimals: amounts are exact to the cent',
  'validation.amountTooLarge': 'is too large: at most €1,000,000,000',
} as const;

type ValidationKey = keyof typeof validationEn;

export const validationFr: Record<ValidationKey, string> = {
  'validation.oneLine': 'doit tenir sur une ligne, sans caractère de contrôle',
  'validation.noControl':
    'ne doit contenir aucun caractère de contrôle autre que les retours à la ligne et tabulations',
  'validation.notZero': 'ne doit pas valoir zéro',
  'validation.twoDecimals': 'doit avoir au plus deux décimales',
  'validation.repeated': 'contient deux fois la même valeur',
  'validation.amountEmpty': 'est vide : écrivez un montant comme 12,50',
  'validation.amountUnreadable': '« {input} » n’est pas un montant : écrivez-le comme 12,50 ou 1.234,56',
  'validation.amountAmbiguous':
    '« {input} » est ambigu (mille, ou un euro et des centimes ?) : écrivez {thousand} ou {units}',
  'validation.amountDecimals': '« {input} » a plus de deux décimales : les montants sont exacts au centime',
  'validation.amountTooLarge': 'est trop grand : au plus 1 000 000 000 €',
};

export const validationNl: Record<ValidationKey, string> = {
  'validation.oneLine': 'moet op één regel staan, zonder stuurtekens',
  'validation.noControl': 'mag geen stuurtekens bevatten behalve regeleinden en tabs',
  'validation.notZero': 'mag niet nul zijn',
  'validation.twoDecimals': 'mag hoogstens twee decimalen hebben',
  'validation.repeated': 'bevat twee keer dezelfde waarde',
  'validation.amountEmpty': 'is leeg: schrijf een bedrag zoals 12,50',
  'validation.amountUnreadable': '“{input}” is geen bedrag: schrijf het zoals 12,50 of 1.234,56',
  'validation.amountAmbiguous':
    '“{input}” is dubbelzinnig (duizend, of één euro en wat cent?): schrijf {thousand} of {units}',
  'validation.amountDecimals': '“{input}” heeft meer dan twee decimalen: bedragen zijn tot op de cent exact',
  'validation.amountTooLarge': 'is te groot: hoogstens € 1.000.000.000',
};
