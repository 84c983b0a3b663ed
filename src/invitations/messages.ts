import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** "Come home" invitations: messages in the three languages (same keys in each; src/web/i18n.test.ts checks). */
const en = {
  'invitations.placeholder': 'placeholder',
} as const;

export const invitationMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'invitations.placeholder': 'placeholder',
  },
  nl: {
    'invitations.placeholder': 'placeholder',
  },
};
