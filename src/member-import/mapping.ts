import { fold } from '../web/fold.js';
import type { CsvRecord } from './csv.js';
import { refuse } from './refusal.js';

export const importFields = [
  'email',
  'name',
  'firstName',
  'lastName',
  'city',
  'originRegion',
  'residenceRegion',
  'skills',
  'kind',
  'bio',
  'locale',
] as const;
export type ImportField = (typeof importFields)[number];

/** What each column of the file becomes (null: ignored, like a phone number). */
export interface ColumnMapping {
  /** Whether the first record is a header row (and so not a member). */
  header: boolean;
  /** Column names as shown to people: the header's cells, or "column N" without a header. */
  headers: string[];
  columns: (ImportField | null)[];
  /** The column index of each mapped field. */
  index: Partial<Record<ImportField, number>>;
}

const key = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Header names in French, Dutch and English, compared folded ("Région d'origine" → "region d origine"). */
const synonyms: Record<ImportField, string[]> = {
  email: [
    'email',
    'e mail',
    'courriel',
    'mail',
    'adresse email',
    'adresse e mail',
    'adresse mail',
    'adresse electronique',
    'adresse courriel',
    'email address',
    'e mail address',
    'mail address',
    'e mailadres',
    'emailadres',
    'mailadres',
    'e mail adres',
  ],
  name: [
    'name',
    'nom',
    'naam',
    'full name',
    'nom complet',
    'volledige naam',
    'display name',
    'nom et prenom',
    'prenom et nom',
    'naam en voornaam',
    'voornaam en naam',
  ],
  firstName: ['first name', 'firstname', 'given name', 'forename', 'prenom', 'voornaam'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nom de famille', 'achternaam', 'familienaam'],
  city: [
    'city',
    'town',
    'city of residence',
    'residence',
    'ville',
    'ville de residence',
    'localite',
    'commune',
    'domicile',
    'stad',
    'gemeente',
    'woonplaats',
  ],
  originRegion: [
    'region of origin',
    'origin region',
    'origin',
    'home region',
    'region d origine',
    'origine',
    'province',
    'province d origine',
    'regio van herkomst',
    'herkomst',
    'herkomstregio',
    'provincie',
    'provincie van herkomst',
  ],
  residenceRegion: [
    'residence region',
    'region of residence',
    'region de residence',
    'province de residence',
    'woonregio',
    'regio van verblijf',
    'provincie van verblijf',
  ],
  skills: ['skills', 'skill', 'tags', 'expertise', 'competences', 'competence', 'vaardigheden', 'vaardigheid'],
  kind: [
    'kind',
    'profile',
    'profile kind',
    'profile type',
    'type',
    'profil',
    'type de profil',
    'profiel',
    'profieltype',
    'soort',
  ],
  bio: [
    'bio',
    'biography',
    'about',
    'description',
    'biographie',
    'a propos',
    'presentation',
    'biografie',
    'over mij',
    'beschrijving',
  ],
  locale: ['language', 'preferred language', 'locale', 'lang', 'langue', 'langue preferee', 'taal', 'voorkeurstaal'],
};
const fieldOfHeader = new Map<string, ImportField>();
for (const f of importFields) for (const s of synonyms[f]) fieldOfHeader.set(s, f);

/** The columns whose header names a bio: the one field of a person that is multi-line by nature. */
export function multilineColumns(header: string[]): Set<number> {
  return new Set(header.flatMap((cell, i) => (fieldOfHeader.get(key(cell)) === 'bio' ? [i] : [])));
}

export const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/**
 * Reads the columns of a file: the first record is a header unless one of its cells is an e-mail
 * address (a member's row always has one). Header cells are matched in the three languages;
 * without a header the e-mail column is the one whose cells look like addresses. `explicit`
 * ("email=Courriel,name=2": a column name or 1-based number) overrides what was recognised. A
 * "Prénom" + "Nom" pair means first and last name, so a plain "Nom" beside a first name is the
 * last name. No e-mail column refuses the file, naming the columns that were found.
 */
export function detectMapping(records: CsvRecord[], explicit?: string): ColumnMapping {
  const first = records[0];
  if (!first) refuse('empty');
  const width = Math.max(...records.slice(0, 100).map((r) => r.fields.length));
  const header = !first.fields.some(looksLikeEmail);
  const headers = Array.from({ length: width }, (_, i) =>
    header ? (first.fields[i] ?? '').trim() || `column ${i + 1}` : `column ${i + 1}`,
  );
  const columns: (ImportField | null)[] = headers.map(() => null);
  const assign = (field: ImportField, i: number) => {
    const previous = columns.indexOf(field);
    if (previous !== -1) columns[previous] = null;
    columns[i] = field;
  };

  if (header) {
    first.fields.forEach((cell, i) => {
      const field = fieldOfHeader.get(key(cell));
      if (field && !columns.includes(field)) columns[i] = field;
    });
  } else {
    const sample = records.slice(0, 50);
    const hits = headers.map((_, i) => sample.filter((r) => looksLikeEmail(r.fields[i] ?? '')).length);
    const best = hits.indexOf(Math.max(...hits));
    if (hits[best]! > 0) columns[best] = 'email';
  }

  const named = new Set<ImportField>();
  for (const item of (explicit ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) refuse('mapSyntax', { item });
    const field = importFields.find((f) => key(f).replace(/ /g, '') === key(item.slice(0, eq)).replace(/ /g, ''));
    if (!field) refuse('mapField', { field: item.slice(0, eq).trim(), fields: importFields.join(', ') });
    const column = item.slice(eq + 1).trim();
    const i = /^\d+$/.test(column) ? Number(column) - 1 : headers.findIndex((h) => key(h) === key(column));
    if (i < 0 || i >= width) refuse('mapColumn', { column, headers: headers.join(', ') });
    assign(field, i);
    named.add(field);
  }

  // "Prénom;Nom": the name beside a first name is the family name.
  const nameAt = columns.indexOf('name');
  if (nameAt !== -1 && columns.includes('firstName') && !columns.includes('lastName') && !named.has('name'))
    columns[nameAt] = 'lastName';

  if (!columns.includes('email')) refuse('noEmail', { headers: headers.join(', ') });
  const index: ColumnMapping['index'] = {};
  columns.forEach((f, i) => {
    if (f) index[f] = i;
  });
  return { header, headers, columns, index };
}
