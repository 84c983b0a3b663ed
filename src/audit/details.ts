import { formatDay, formatDayTime } from '../events/format.js';
import { catalogues, colon, formatMoney, formatNumber, intlLocales, type T } from '../web/i18n.js';
import type { MessageKey } from '../web/i18n/en.js';
import { actionLabel } from './actions.js';

// The "what changed" column of /admin/audit, in the reader's language: each detail named by its form
// label (`field.*`) or the log's own word (`audit.detail.*`), its value as people read it — Belgian
// days and 24-hour times, euros, yes/no, statuses in words, ids as the names of what they stand for.
// The CSV and JSON exports keep the raw keys and values (present.ts): they are for programs and archives.

const known = (key: string): key is MessageKey => key in catalogues.en;

/**
 * A detail's name for people: its form label (`field.*`), unless the log has its own word for it — where
 * the form's would mislead (`count` is an event's "number of occurrences", in the log a number of
 * things); undefined when the catalogues have none (detail-keys.test.ts forbids it).
 */
export function detailLabel(t: T, key: string, action = ''): string | undefined {
  const own = ACTION_WORDS[action.split('.')[0]!]?.[key];
  for (const k of [own ? `audit.detail.${own}` : '', `audit.detail.${key}`, `field.${key}`]) if (known(k)) return t(k);
  return undefined;
}

/** Where a key means something narrower for one kind of act: a redirect's `to` is its destination, not a last day. */
const ACTION_WORDS: Record<string, Record<string, string>> = { redirect: { to: 'destination' } };

/** What an id in the details stands for: its name, null when it was deleted, undefined when the page cannot tell. */
export type NameOf = (key: string, id: string) => string | null | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Details whose values are words of the code (a status, a role, how a password was changed). */
const WORDS = new Set(['by', 'status', 'role', 'outcome', 'level', 'source', 'kind', 'decision', 'from', 'to']);
/** Details whose values name fields (a venue's changed fields). */
const FIELDS = new Set(['changed']);

/** An id nobody can name: its first characters, enough to tell two apart on the page. */
export const shortId = (id: string) => `${id.slice(0, 8)}…`;

function shown(key: string, v: unknown, t: T, nameOf: NameOf): string {
  const { locale } = t;
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'audit.value.yes' : 'audit.value.no');
  if (typeof v === 'number') {
    if (key.endsWith('Cents')) return formatMoney(v, locale);
    // Basis points (a grant's funding rate): 8000 is 80 %.
    if (key.endsWith('Bp'))
      return new Intl.NumberFormat(intlLocales[locale], { style: 'percent', maximumFractionDigits: 2 }).format(
        v / 10_000,
      );
    return formatNumber(v, locale);
  }
  if (Array.isArray(v)) return v.map((x) => shown(key, x, t, nameOf)).join(', ');
  if (typeof v === 'object')
    return Object.entries(v)
      .map(
        ([k, x]) => `${UUID.test(k) ? shortId(k) : (detailLabel(t, k) ?? k)}${colon(locale)}${shown(k, x, t, nameOf)}`,
      )
      .join(', ');
  const s = String(v);
  if (INSTANT.test(s)) return formatDayTime(new Date(s), locale);
  if (DAY.test(s)) return formatDay(s, locale);
  if (UUID.test(s)) {
    const name = nameOf(key, s);
    return name ?? shortId(s);
  }
  if (FIELDS.has(key)) return detailLabel(t, s) ?? s;
  // A grant's period, recorded as "2026-01-01 – 2026-12-31".
  if (key === 'period') return s.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDay(d, locale));
  // An export's filter: the action as the filter's list names it.
  if (key === 'action') return actionLabel(t, s);
  const word = `audit.value.${s.replace(/[^a-z0-9]+/gi, '_')}`;
  if (WORDS.has(key) && known(word)) return t(word);
  return s;
}

const isChange = (v: unknown): v is { from: unknown; to: unknown } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'from' in v && 'to' in v && Object.keys(v).length === 2;
/** Some services group their field changes under `changes` ({ changes: { city: { from, to } } }): read as fields. */
const isChanges = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).length > 0 &&
  Object.values(v).every(isChange);

/**
 * What changed, in one line of the reader's language: "Montant : 120,00 € → 95,00 €; Catégorie : travel".
 * Empty lists (nothing added, nothing removed) are left out.
 */
export function describeDetails(details: Record<string, unknown>, t: T, nameOf: NameOf, action = ''): string {
  const sep = colon(t.locale);
  return Object.entries(details)
    .flatMap(([k, v]) => (isChanges(v) ? Object.entries(v) : [[k, v] as [string, unknown]]))
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => {
      const name = detailLabel(t, k, action) ?? k;
      // A change of a value that names a word of the code ("from → to" of a status) reads the value as `k`.
      return isChange(v)
        ? `${name}${sep}${shown(k, v.from, t, nameOf)} → ${shown(k, v.to, t, nameOf)}`
        : `${name}${sep}${shown(k, v, t, nameOf)}`;
    })
    .join('; ');
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const WORDS_OF_SUBJECTS = /(^|· )(juror|submission|call|stage|member) /g;

/**
 * A subject that names no thing the page can look up ("juror 1f… · submission 9a…"), in the reader's
 * words: the kinds of things translated, the ids shortened.
 */
export const readableSubject = (subject: string, t: T): string =>
  subject
    .replace(WORDS_OF_SUBJECTS, (_, lead: string, word: string) => `${lead}${t(`audit.word.${word}` as MessageKey)} `)
    .replace(UUIDS, shortId);
