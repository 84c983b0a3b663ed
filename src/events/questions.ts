// An event's registration questions in the reader's language: the label and choices as translated
// by the organisers, else the original (marked). An answer is always stored as the original choice,
// so the organisers' list and the CSV read the same whatever language people registered in.
import type { LocalizedText } from '../web/content.js';
import { localeOr, type Locale } from '../web/i18n.js';
import type { Question } from './tables.js';

export interface ShownQuestion {
  label: LocalizedText;
  /** Each choice: the value sent (the original) and the text shown. */
  choices: { value: string; text: string }[];
  /** The language the choices are shown in. */
  choicesLang: Locale;
}

export function localizedQuestion(q: Question, eventLanguage: string, locale: Locale): ShownQuestion {
  const original = localeOr(eventLanguage);
  const tr = locale === original ? undefined : q.translations?.[locale];
  const label: LocalizedText = tr?.label?.trim()
    ? { text: tr.label, lang: locale, fallback: false }
    : { text: q.label, lang: original, fallback: locale !== original };
  // Choices are translated all together or not at all: a half-translated list would mix languages.
  const translated =
    tr?.choices?.length === q.choices.length && tr.choices.every((c) => c.trim()) ? tr.choices : undefined;
  return {
    label,
    choices: q.choices.map((value, i) => ({ value, text: translated?.[i] ?? value })),
    choicesLang: translated ? locale : original,
  };
}

/** The original choice an answer names, whether it was given as the original or in a translation. */
export function originalChoice(q: Question, answer: string): string | undefined {
  if (q.choices.includes(answer)) return answer;
  for (const tr of Object.values(q.translations ?? {})) {
    const i = tr?.choices?.findIndex((c) => c.trim() === answer) ?? -1;
    if (i >= 0 && tr?.choices?.length === q.choices.length) return q.choices[i];
  }
  return undefined;
}
