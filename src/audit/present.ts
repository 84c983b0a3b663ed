import { csvDocument } from '../web/csv.js';
import { formatMoney, type Locale, type T } from '../web/i18n.js';
import { actionLabel } from './actions.js';
import type { AuditEntry, AuditPosition, SubjectName } from './service.js';
import { isoDayTime } from '../events/format.js';

export function presentAudit(e: AuditEntry) {
  return {
    id: e.id,
    at: e.createdAt.toISOString(),
    actor: e.actorEmail,
    action: e.action,
    subject: e.subject,
    details: e.details,
  };
}

/** The next page starts before the oldest entry shown (its time to the microsecond, and its id). */
export function auditCursor(entries: { position: AuditPosition }[], limit: number): string | null {
  if (entries.length <= limit) return null;
  const { at, id } = entries[limit - 1]!.position;
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

const POSITION =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function beforeOf(cursor: string | undefined): AuditPosition | undefined {
  if (!cursor) return undefined;
  const m = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { at: m[1]!, id: m[2]! } : undefined;
}

const isChange = (v: unknown): v is { from: unknown; to: unknown } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'from' in v && 'to' in v && Object.keys(v).length === 2;

/** One value as a reader expects it: amounts (`…Cents`) in euros of their language, lists joined. */
function shown(key: string, v: unknown, locale: Locale): string {
  if (typeof v === 'number' && key.endsWith('Cents')) return formatMoney(v, locale);
  if (Array.isArray(v)) return v.map((x) => shown(key, x, locale)).join(', ');
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * What changed, in one line, for the CSV export: "amount: 120,00 € → 95,00 €; category: travel". Empty
 * lists (nothing added, nothing removed) are left out. The keys stay the fields' names in the API and the
 * values as recorded, for programs and archives; the page reads them to people (details.ts).
 */
export function summariseDetails(details: Record<string, unknown>, locale: Locale): string {
  // Some services group their field changes under `changes` ({ changes: { city: { from, to } } }): read as fields.
  const isChanges = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).length > 0 &&
    Object.values(v).every(isChange);
  return Object.entries(details)
    .flatMap(([k, v]) => (isChanges(v) ? Object.entries(v) : [[k, v] as [string, unknown]]))
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => {
      const name = k.replace(/Cents$/, '');
      return isChange(v)
        ? `${name}: ${shown(k, v.from, locale)} → ${shown(k, v.to, locale)}`
        : `${name}: ${shown(k, v, locale)}`;
    })
    .join('; ');
}

/**
 * The log as a CSV file in the reader's language: ";" for French and Dutch spreadsheets, "," in
 * English; the action both as its code (for programs) and its label (for people).
 */
export function auditCsv(entries: AuditEntry[], t: T, names: Map<string, SubjectName>): string {
  const header = [
    'audit.when',
    'audit.who',
    'audit.csv.code',
    'audit.action',
    'audit.subject',
    'audit.csv.subjectName',
    'audit.details',
  ] as const;
  const rows = entries.map((e) => [
    isoDayTime(e.createdAt),
    e.actorEmail,
    e.action,
    actionLabel(t, e.action),
    e.subject,
    subjectName(names.get(e.id), t),
    summariseDetails(e.details, t.locale),
  ]);
  return csvDocument([header.map((k) => t(k)), ...rows], t.locale === 'en' ? ',' : ';');
}

/** The subject as it is named now: its name, "deleted …" when it is gone, nothing when it names no thing. */
export const subjectName = (n: SubjectName | undefined, t: T): string =>
  n ? (n.name ?? t('audit.deleted', { kind: n.ref.kind })) : '';
