import type { Category } from './tables.js';

/**
 * The categories of the Brussels-Capital Region's subsidy justification forms, shipped as the
 * network's default set; editable (PATCH /api/v1/category-sets/{id}) like any other set.
 */
export const BRUSSELS_PRESET: { name: string; categories: Category[] } = {
  name: 'Brussels-Capital Region',
  categories: [
    { code: 'rent', fr: 'Loyers et charges', nl: 'Huur en lasten', en: 'Rent and charges' },
    {
      code: 'communication',
      fr: 'Communication et promotion (y compris réception)',
      nl: 'Communicatie en promotie (incl. receptie)',
      en: 'Communication and promotion (incl. reception)',
    },
    { code: 'administration', fr: 'Frais administratifs', nl: 'Administratieve kosten', en: 'Administrative costs' },
    {
      code: 'fees',
      fr: 'Honoraires et défraiements de volontaires',
      nl: 'Erelonen en vrijwilligersvergoedingen',
      en: 'Fees and volunteer allowances',
    },
    {
      code: 'activities',
      fr: 'Frais d’activités (y compris repas de réunion et déplacements)',
      nl: 'Activiteitskosten (incl. maaltijden bij vergaderingen en verplaatsingen)',
      en: 'Activity costs (incl. food for meetings and travel)',
    },
    { code: 'staff', fr: 'Frais de personnel', nl: 'Personeelskosten', en: 'Staff' },
    { code: 'equipment', fr: 'Équipement', nl: 'Uitrusting', en: 'Equipment' },
    { code: 'other', fr: 'Autres frais', nl: 'Andere kosten', en: 'Other costs' },
  ],
};
