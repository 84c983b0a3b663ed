import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Member CSV import: messages in the three languages (same keys in each; src/web/i18n.test.ts checks). */
const en = {
  'import.placeholder': 'placeholder',
} as const;

export const importMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'import.placeholder': 'placeholder',
  },
  nl: {
    'import.placeholder': 'placeholder',
  },
};
