import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Following chapters: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'members.follow.start': 'Follow {chapter}',
  'members.follow.stop': 'Stop following {chapter}',
  'members.follow.following': 'You follow this chapter.',
  'members.follow.signIn': 'Sign in to follow {chapter}',
};

export const followMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'members.follow.start': 'Suivre {chapter}',
    'members.follow.stop': 'Ne plus suivre {chapter}',
    'members.follow.following': 'Vous suivez cette antenne.',
    'members.follow.signIn': 'Connectez-vous pour suivre {chapter}',
  },
  nl: {
    'members.follow.start': '{chapter} volgen',
    'members.follow.stop': '{chapter} niet meer volgen',
    'members.follow.following': 'Je volgt deze afdeling.',
    'members.follow.signIn': 'Meld je aan om {chapter} te volgen',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
