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

/**
 * A catalogue written as one row per key, `[English, French, Dutch]`: the three languages of a
 * sentence side by side, which is how the problems (error texts) of a feature are kept.
 */
export function catalogueOf<K extends string>(rows: Readonly<Record<K, readonly [string, string, string]>>) {
  const pick = (i: 0 | 1 | 2) =>
    Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, (v as readonly string[])[i]])) as Record<K, string>;
  return { en: pick(0), fr: pick(1), nl: pick(2) } satisfies FeatureCatalogue<K>;
}
