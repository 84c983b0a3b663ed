import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let admin: string;
let eventId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Gent', city: 'Gent', status: 'active' } });
  eventId = (
    await t.api('POST', '/api/v1/chapters/gent/events', {
      token: admin,
      body: {
        title: 'Export',
        startsAt: '2030-03-04T17:30:00Z',
        endsAt: '2030-03-04T20:00:00Z',
        onlineUrl: 'https://meet.example.org/e',
        capacity: 10,
        questions: [{ id: 'score', label: 'Score; or note' }],
      },
    })
  ).json().id;
  for (const [name, score] of <[string, string][]>[
    ['Amélie Dupont', '-25'],
    ['Jürgen, "JJ"', '=HYPERLINK("http://evil")'],
  ])
    await t.api('POST', `/api/v1/events/${eventId}/registrations`, {
      body: {
        name,
        email: `${name.slice(0, 3).toLowerCase().normalize('NFD').replace(/\W/g, '')}@example.org`,
        answers: { score },
      },
    });
  // A known registration time to check the event's clock: 16:05 UTC is 17:05 in Brussels in March.
  await t.database.pool.query(`UPDATE registrations SET created_at = '2030-03-01T16:05:00Z' WHERE event_id = $1`, [
    eventId,
  ]);
});
afterAll(() => t.close());

/** Python's csv module, an independent reader, with the delimiter given. */
function readWithPython(bytes: Buffer, delimiter: string): { bom: boolean; rows: string[][] } {
  const out = execFileSync(
    'python3',
    [
      '-c',
      `import csv, io, json, sys
data = sys.stdin.buffer.read()
bom = data.startswith(b'\\xef\\xbb\\xbf')
text = data.decode('utf-8-sig')
print(json.dumps({'bom': bom, 'rows': list(csv.reader(io.StringIO(text, newline=''), delimiter=sys.argv[1], strict=True))}))`,
      delimiter,
    ],
    { input: bytes },
  );
  return JSON.parse(out.toString());
}

const get = (query: string, lang: string) =>
  t.app.inject({
    url: `/api/v1/events/${eventId}/registrations?${query}`,
    headers: { authorization: `Bearer ${admin}`, 'accept-language': lang },
  });

describe('the registrations export', () => {
  it('for Excel in French: BOM, ";" separator, French headers, times on the event clock, numbers kept', async () => {
    const res = await get('format=spreadsheet', 'fr-BE');
    expect(res.statusCode).toBe(200);
    const { bom, rows } = readWithPython(res.rawPayload, ';');
    expect(bom).toBe(true);
    expect(rows[0]).toEqual([
      'Nom',
      'E-mail',
      'Statut',
      'Position en liste d’attente',
      'Inscrit le',
      'Présence enregistrée le',
      'Présence',
      'Score; or note',
    ]);
    const amelie = rows.find((r) => r[0] === 'Amélie Dupont')!;
    expect(amelie[2]).toBe('confirmé');
    expect(amelie[4]).toBe('2030-03-01 17:05');
    expect(amelie[7]).toBe('-25');
    const jj = rows.find((r) => r[0] === 'Jürgen, "JJ"')!;
    expect(jj[7]).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('for Excel in Dutch uses ";", in English ","', async () => {
    expect(readWithPython((await get('format=spreadsheet', 'nl')).rawPayload, ';').rows[0]![0]).toBe('Naam');
    expect(readWithPython((await get('format=spreadsheet', 'en')).rawPayload, ',').rows[0]![0]).toBe('Name');
  });

  it('names the questions and their chosen answers in the organiser’s language, the original marked', async () => {
    const event = await t.api('POST', '/api/v1/chapters/gent/events', {
      token: admin,
      body: {
        title: 'Vertaald',
        language: 'nl',
        startsAt: '2030-04-04T17:30:00Z',
        endsAt: '2030-04-04T20:00:00Z',
        onlineUrl: 'https://meet.example.org/v',
        capacity: 10,
        questions: [
          {
            id: 'diet',
            label: 'Dieet',
            type: 'choice',
            choices: ['vegetarisch', 'alleseter'],
            translations: { fr: { label: 'Régime', choices: ['végétarien', 'omnivore'] } },
          },
        ],
      },
    });
    expect(event.statusCode, event.body).toBe(201);
    const id = event.json().id;
    const reg = await t.api('POST', `/api/v1/events/${id}/registrations`, {
      body: { name: 'Zoé', email: 'zoe@example.org', answers: { diet: 'végétarien' } },
      headers: { 'accept-language': 'fr' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const sheet = async (lang: string, delimiter: string) =>
      readWithPython(
        (
          await t.app.inject({
            url: `/api/v1/events/${id}/registrations?format=spreadsheet`,
            headers: { authorization: `Bearer ${admin}`, 'accept-language': lang },
          })
        ).rawPayload,
        delimiter,
      ).rows;
    const fr = await sheet('fr', ';');
    expect(fr[0]![7]).toBe('Régime');
    expect(fr[1]![7]).toBe('végétarien');
    const nl = await sheet('nl', ';');
    expect([nl[0]![7], nl[1]![7]]).toEqual(['Dieet', 'vegetarisch']);
    // No English translation: the Dutch original, said to be one.
    const en = await sheet('en', ',');
    expect([en[0]![7], en[1]![7]]).toEqual(['Dieet (original in Dutch)', 'vegetarisch']);
    // The file for programs keeps the original label and answer, whatever the language.
    const csv = await t.app.inject({
      url: `/api/v1/events/${id}/registrations?format=csv`,
      headers: { authorization: `Bearer ${admin}`, 'accept-language': 'fr' },
    });
    expect(readWithPython(csv.rawPayload, ',').rows.map((r) => r[7])).toEqual(['Dieet', 'vegetarisch']);
  });

  it('for programs stays RFC 4180: comma, no BOM, English keys, ISO times, numbers kept', async () => {
    const res = await get('format=csv', 'fr');
    const { bom, rows } = readWithPython(res.rawPayload, ',');
    expect(bom).toBe(false);
    expect(rows[0]!.slice(0, 3)).toEqual(['name', 'email', 'status']);
    const amelie = rows.find((r) => r[0] === 'Amélie Dupont')!;
    expect(amelie[4]).toBe('2030-03-01T16:05:00.000Z');
    expect(amelie[7]).toBe('-25');
  });
});
