/** A feature's own messages, kept beside the feature and merged into the catalogues (en.ts, fr.ts, nl.ts). */
export interface FeatureCatalogue<K extends string> {
  en: Readonly<Record<K, string>>;
  fr: Readonly<Record<K, string>>;
  nl: Readonly<Record<K, string>>;
}
