import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, parseCsv, readCsv } from './csv.js';
import { detectMapping } from './mapping.js';
import { ImportRefused } from './refusal.js';
import { nameFromEmail, readRow } from './rows.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 for what these tests use: Latin-1 letters (é, è…) are their code, the en dash is 0x96. */
const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0))));
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportRefused) return err.message;
    throw err;
  }
  throw new Error('not refused');
};

describe('decoding', () => {
  it('reads UTF-8 with or without a BOM', () => {
    expect(decodeCsv(utf8('\ufeffnom;ville\nAda;Liège')).text).toBe('nom;ville\nAda;Liège');
    expect(decodeCsv(utf8('nom;ville\nAda;Liège'))).toEqual({ text: 'nom;ville\nAda;Liège', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, so "Liège" survives', () => {
    const bytes = cp1252('nom;ville\nAda;Liège\nBob;Ieper – Rijsel');
    expect(bytes).toContain(0xe8);
    const { text, encoding } = decodeCsv(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text).toBe('nom;ville\nAda;Liège\nBob;Ieper – Rijsel');
  });

  it('reads UTF-16 with its BOM (Excel "Unicode text")', () => {
    const body = 'email\tnom\nada@example.org\tAda';
    const le = new Uint8Array(2 + body.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < body.length; i++) le[2 + i * 2] = body.charCodeAt(i);
    expect(readCsv(le)).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      records: [{ fields: ['email', 'nom'] }, { fields: ['ada@example.org', 'Ada'] }],
    });
  });

  it('refuses binary files: NUL bytes, or many control characters', () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(refusal(() => decodeCsv(png))).toBe('this file is not a CSV text file');
    const noisy = Uint8Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? 0x01 : 0x41));
    expect(refusal(() => decodeCsv(noisy))).toBe('this file is not a CSV text file');
  });
});

describe('parsing', () => {
  it('detects comma, semicolon or tab outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('"a,b";c;d\n"1,2";3;4')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('email\nada@example.org')).toBe(',');
  });

  it('follows RFC 4180: delimiters, doubled quotes and line breaks inside quotes; physical line numbers kept', () => {
    const text =
      'name,bio,email\r\n"Dupont, Jean","He said ""hi""\r\nand left",jean@example.org\r\n\r\nAda,"two\nlines\nhere",ada@example.org\nlast,x,z@example.org';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'bio', 'email'] },
      { line: 2, fields: ['Dupont, Jean', 'He said "hi"\r\nand left', 'jean@example.org'] },
      { line: 5, fields: ['Ada', 'two\nlines\nhere', 'ada@example.org'] },
      { line: 8, fields: ['last', 'x', 'z@example.org'] },
    ]);
  });

  it('skips blank lines and rows of empty cells, keeps empty fields, handles CR line ends', () => {
    expect(parseCsv('a;b;c\r\r;;\r1;;3\r;"";\n', ';')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 4, fields: ['1', '', '3'] },
    ]);
  });

  it('refuses a quoted field never closed, naming its line', () => {
    expect(refusal(() => parseCsv('a,b\n1,2\n3,"oops\n4,5\n'))).toBe('line 3: a quoted field is never closed');
  });
});

describe('mapping', () => {
  const records = (text: string) => parseCsv(text);

  it('recognises French headers, accents and case aside; Prénom + Nom are first and last name', () => {
    const m = detectMapping(
      records(
        'Prénom;NOM;Courriel;Localité;Région d’origine;Compétences;Profil;Langue;Téléphone\nJean;Dupont;j@x.be;Liège;Hainaut;PHP;tech;fr;0470',
      ),
    );
    expect(m.header).toBe(true);
    expect(m.columns).toEqual([
      'firstName',
      'lastName',
      'email',
      'city',
      'originRegion',
      'skills',
      'kind',
      'locale',
      null,
    ]);
  });

  it('recognises Dutch and English headers', () => {
    expect(
      detectMapping(records('Voornaam,Achternaam,E-mailadres,Woonplaats,Regio van herkomst,Vaardigheden,Taal\n'))
        .columns,
    ).toEqual(['firstName', 'lastName', 'email', 'city', 'originRegion', 'skills', 'locale']);
    expect(
      detectMapping(records('Full name,E-mail,City,Region of origin,Residence region,Skills,Kind,Bio,Language,Phone\n'))
        .columns,
    ).toEqual(['name', 'email', 'city', 'originRegion', 'residenceRegion', 'skills', 'kind', 'bio', 'locale', null]);
  });

  it('without a header, finds the e-mail column by its content', () => {
    const m = detectMapping(records('Ada,ada@example.org,Namur\nBob,bob@example.org,Mons'));
    expect(m.header).toBe(false);
    expect(m.columns).toEqual([null, 'email', null]);
    expect(m.headers).toEqual(['column 1', 'column 2', 'column 3']);
  });

  it('an explicit mapping overrides, by column name or number', () => {
    const m = detectMapping(records('Adresse,Qui,Nom\nada@example.org,Ada,Lovelace'), 'email=adresse,name=2');
    expect(m.columns).toEqual(['email', 'name', null]);
    expect(refusal(() => detectMapping(records('a,b\n'), 'mail=a'))).toMatch(
      /^unknown field 'mail' in the mapping \(fields: email, name/,
    );
    expect(refusal(() => detectMapping(records('a,b\n'), 'email=c'))).toBe("no column 'c' in the file (columns: a, b)");
    expect(refusal(() => detectMapping(records('a,b\n'), 'email'))).toBe("mapping 'email' is not field=column");
  });

  it('refuses a file with no e-mail column, listing the columns found', () => {
    expect(refusal(() => detectMapping(records('Nom;Ville\nAda;Namur')))).toBe(
      'no e-mail column among the columns found (Nom, Ville): map one, e.g. email=Courriel',
    );
  });
});

describe('rows', () => {
  const mapping = detectMapping(parseCsv('email;name;origin;residence region;kind;language;skills;city\n'));
  const row = (fields: string[]) => readRow({ line: 7, fields }, mapping);

  it('reads a member: region in any language or "other: …", kind and language synonyms, skills split on , ; |', () => {
    expect(
      row(['Ada@Example.org', '', 'Henegouwen', '', 'généraliste', 'Nederlands', 'PHP, Laravel|SQL', 'Ixelles']),
    ).toMatchObject({
      email: 'ada@example.org',
      name: 'Ada',
      profile: {
        originRegion: 'BE-WHT',
        kind: 'generalist',
        locale: 'nl',
        skills: ['PHP', 'Laravel', 'SQL'],
        city: 'Ixelles',
      },
    });
    expect(row(['b@example.org', 'Bea', 'autre : Lille, France', 'BE-BRU', 'andere', 'en', '', ''])).toMatchObject({
      profile: {
        originRegion: 'other',
        originDetail: 'Lille, France',
        residenceRegion: 'BE-BRU',
        kind: 'other',
        locale: 'en',
      },
    });
  });

  it('refuses with a reason: invalid e-mail, unknown region, kind or language, too many fields', () => {
    expect(row(['not-an-email', 'X', '', '', '', '', '', ''])).toMatchObject({
      line: 7,
      reason: 'email',
      vars: { value: 'not-an-email' },
    });
    expect(row(['', 'X'])).toMatchObject({ reason: 'noEmail' });
    expect(row(['c@example.org', 'C', 'Atlantis', '', '', '', '', ''])).toMatchObject({
      reason: 'region',
      vars: { value: 'Atlantis' },
    });
    expect(row(['c@example.org', 'C', '', '', 'wizard', '', '', ''])).toMatchObject({ reason: 'kind' });
    expect(row(['c@example.org', 'C', '', '', '', 'klingon', '', ''])).toMatchObject({ reason: 'locale' });
    expect(row(['c@example.org', 'C', '', '', '', '', '', '', 'extra'])).toMatchObject({
      reason: 'columns',
      vars: { count: '9', expected: '8' },
    });
    expect(row(['c@example.org', 'C', '', '', '', '', 'x'.repeat(41), ''])).toMatchObject({
      reason: 'tooLong',
      vars: { field: 'a skill', max: '40' },
    });
  });

  it('makes a name from the e-mail when the row has none', () => {
    expect(nameFromEmail('jean.dupont@example.org')).toBe('Jean Dupont');
    expect(row(['marie-claire_durand@example.org'])).toMatchObject({ name: 'Marie Claire Durand' });
  });
});
