import { EmailSchema } from '../accounts/schemas.js';
import type { ProfileFields } from '../profiles/service.js';
import { regionFromText } from '../web/regions.js';
import { ProfileUpdateSchema } from '../profiles/schemas.js';
import { ONE_LINE_MESSAGE, oneLine } from '../web/schemas.js';
import { fold } from '../web/fold.js';
import type { Locale } from '../web/i18n.js';
import type { CsvRecord } from './csv.js';
import type { ColumnMapping, ImportField } from './mapping.js';

export type ReasonKey =
  | 'noEmail'
  | 'email'
  | 'duplicate'
  | 'region'
  | 'kind'
  | 'locale'
  | 'tooLong'
  | 'skills'
  | 'columns'
  | 'quoteSpansLines'
  | 'textAfterQuote'
  | 'unclosedQuote'
  | 'invalid';
export interface Rejection {
  line: number;
  reason: ReasonKey;
  vars: Record<string, string>;
  /** The record as read, so a report of rejected rows can be corrected and imported again. */
  fields: string[];
}
export interface Candidate {
  line: number;
  email: string;
  name: string;
  profile: ProfileFields & { locale: Locale };
}

const key = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const table = <T extends string>(entries: Record<T, string>) => {
  const m = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, string][])
    for (const w of words.split(',')) m.set(w, value);
  return m;
};
const kinds = table({
  tech: 'tech,technique,technical,technisch,it,ict,dev,developer,developpeur,ontwikkelaar',
  generalist: 'generalist,generaliste,generalistisch,business',
  other: 'other,autre,autres,andere,ander,overig,overige',
});
const languages = table<Locale>({
  fr: 'fr,fr be,french,francais,frans',
  nl: 'nl,nl be,dutch,neerlandais,nederlands,vlaams,flemish',
  en: 'en,en gb,en us,english,anglais,engels',
});
const otherPrefix = /^\s*(?:other|autre|andere)\s*(?::\s*(.*))?$/i;

/** A region: a listed one in any language or its code, or "other: Lille" / "autre : Lille" / "andere: Lille". */
function region(text: string): { code: string; detail?: string } | null | undefined {
  if (!text.trim()) return null;
  const other = otherPrefix.exec(text);
  if (other) return { code: 'other', detail: (other[1] ?? '').trim() };
  const code = regionFromText(text);
  return code ? { code } : undefined;
}

/** "jean.dupont@x.be" → "Jean Dupont": the name of a row that gives none. */
export function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

const splitSkills = (s: string) =>
  s
    .split(/[,;|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * One record → a member to create, or the reason it is refused. The name is the "name" column,
 * else first and last name joined, else made from the e-mail's local part (an address list
 * often has nothing else, and the member can correct it on their profile).
 */
export function readRow(record: CsvRecord, mapping: ColumnMapping): Candidate | Rejection {
  const { line, fields } = record;
  const reject = (reason: ReasonKey, vars: Record<string, string> = {}): Rejection => ({ line, reason, vars, fields });
  if (record.problem) return reject(record.problem);
  const cell = (f: ImportField) => {
    const i = mapping.index[f];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  if (
    mapping.header &&
    fields.length > mapping.headers.length &&
    fields.slice(mapping.headers.length).some((f) => f.trim() !== '')
  ) {
    return reject('columns', { count: String(fields.length), expected: String(mapping.headers.length) });
  }

  const rawEmail = cell('email');
  if (!rawEmail) return reject('noEmail');
  const email = EmailSchema.safeParse(rawEmail);
  if (!email.success) return reject('email', { value: rawEmail.slice(0, 80) });

  const name =
    cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ') || nameFromEmail(email.data);
  if (name.length > 120) return reject('tooLong', { field: 'name', max: '120' });
  if (!oneLine(name)) return reject('invalid', { field: 'name', message: ONE_LINE_MESSAGE });

  const origin = region(cell('originRegion'));
  if (origin === undefined) return reject('region', { value: cell('originRegion').slice(0, 80) });
  const residence = region(cell('residenceRegion'));
  if (residence === undefined) return reject('region', { value: cell('residenceRegion').slice(0, 80) });
  const kind = cell('kind') ? kinds.get(key(cell('kind'))) : null;
  if (kind === undefined) return reject('kind', { value: cell('kind').slice(0, 80) });
  const locale = cell('locale') ? languages.get(key(cell('locale'))) : 'fr';
  if (locale === undefined) return reject('locale', { value: cell('locale').slice(0, 80) });

  const change = {
    city: cell('city'),
    // Without a residence region, the profile deduces it from a known town.
    ...(residence ? { residenceRegion: residence.code } : {}),
    originRegion: origin?.code ?? null,
    ...(origin?.detail ? { originDetail: origin.detail } : {}),
    kind,
    skills: splitSkills(cell('skills')),
    bio: cell('bio'),
    locale,
  };
  // The profile form's own rules (lengths, number of skills) apply to imported profiles too.
  const checked = ProfileUpdateSchema.safeParse(change);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = String(issue.path[0] ?? 'profile');
    if (issue.code === 'too_big' && field === 'skills' && issue.path.length === 1)
      return reject('skills', { max: String(issue.maximum) });
    if (issue.code === 'too_big')
      return reject('tooLong', { field: field === 'skills' ? 'a skill' : field, max: String(issue.maximum) });
    return reject('invalid', { field, message: issue.message });
  }
  return { line, email: email.data, name, profile: checked.data as Candidate['profile'] };
}
