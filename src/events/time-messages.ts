import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** What the event form says about a time the clocks skip. */
const en = {
  'event.form.clockGap':
    '{time} does not exist on that day in {zone}: the clocks jump forward an hour that night. Choose another time.',
};

export const eventTimeMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'event.form.clockGap':
      '{time} n’existe pas ce jour-là dans le fuseau {zone} : les horloges avancent d’une heure cette nuit-là. Choisissez une autre heure.',
  },
  nl: {
    'event.form.clockGap':
      '{time} bestaat die dag niet in de tijdzone {zone}: de klok gaat die nacht een uur vooruit. Kies een ander uur.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
