import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Sharing with the host venue, and the venue managers' page: messages in the three languages (same keys in each; src/web/i18n.test.ts checks). */
const en = {
  'consent.placeholder': 'placeholder',
} as const;

export const consentMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'consent.placeholder': 'placeholder',
  },
  nl: {
    'consent.placeholder': 'placeholder',
  },
};
