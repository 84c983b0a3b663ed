/** A feature's own messages, kept beside the feature (src/<feature>/messages.ts) and registered with web/. */
export interface FeatureCatalogue<K extends string> {
  en: Readonly<Record<K, string>>;
  fr: Readonly<Record<K, string>>;
  nl: Readonly<Record<K, string>>;
}

/**
 * The keys the features register, for the type checker: each feature's messages.ts adds its own
 * by declaration merging (`declare module '../web/i18n/messages.js' { interface FeatureMessages … }`),
 * so `t('directory.title')` is checked without web/ importing the feature.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the features' declaration merging.
export interface FeatureMessages {}
