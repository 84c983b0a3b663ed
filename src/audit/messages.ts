import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The audit log: messages in the three languages (same keys in each; src/web/i18n.test.ts checks). */
const en = {
  'audit.placeholder': 'placeholder',
} as const;

export const auditMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'audit.placeholder': 'placeholder',
  },
  nl: {
    'audit.placeholder': 'placeholder',
  },
};
