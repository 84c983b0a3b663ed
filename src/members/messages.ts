import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Profiles, sign-up, my data (GDPR), following chapters: messages in the three languages (same keys in each; src/web/i18n.test.ts checks). */
const en = {
  'members.placeholder': 'placeholder',
} as const;

export const membersMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'members.placeholder': 'placeholder',
  },
  nl: {
    'members.placeholder': 'placeholder',
  },
};
