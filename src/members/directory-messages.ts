import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The member directory: messages in the three languages (same keys in each; src/web/i18n.test.ts checks). */
const en = {
  'directory.placeholder': 'placeholder',
} as const;

export const directoryMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'directory.placeholder': 'placeholder',
  },
  nl: {
    'directory.placeholder': 'placeholder',
  },
};
