import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { fieldLabel } from './errors.js';
import { catalogues, locales, translator } from './i18n.js';

/**
 * A problem's list of mistakes names each field in the reader's language. A request-body property
 * without a `field.*` label was named by its path (`answers.0.value`); an element of an array of
 * objects by its index from 0. This walks the OpenAPI document, so a new input field without a
 * label fails here.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

/** Every property name of every request body, with a path where it occurs, and every array of objects. */
async function requestFields() {
  const doc = JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body);
  const resolve = (s: Schema): Schema =>
    s.$ref
      ? resolve(
          s.$ref
            .split('/')
            .slice(1)
            .reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, doc) as Schema,
        )
      : s;
  const properties = new Map<string, string>();
  const arrays = new Map<string, string>();
  const walk = (given: Schema, at: string, seen: Set<Schema>) => {
    const s = resolve(given);
    if (seen.has(s)) return;
    const inside = new Set(seen).add(s);
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, at, inside);
    if (s.items) {
      const item = resolve(s.items);
      if (item.properties || item.anyOf || item.oneOf) arrays.set(at.split('.').pop()!, at);
      walk(s.items, `${at}.0`, inside);
    }
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${at}.x`, inside);
    for (const [name, value] of Object.entries(s.properties ?? {})) {
      const path = at ? `${at}.${name}` : name;
      if (!properties.has(name)) properties.set(name, path);
      walk(value, path, inside);
    }
  };
  for (const operations of Object.values(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>))
    for (const op of Object.values(operations)) {
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
      for (const media of Object.values(content)) if (media.schema) walk(media.schema, '', new Set());
    }
  return { properties, arrays };
}

describe('the names of the API’s input fields', () => {
  it('every request-body property has a label, and every array of objects an item label, in the three languages', async () => {
    const { properties, arrays } = await requestFields();
    // The walk reaches deep into the document (a call's rules, a budget's lines): it cannot pass empty.
    expect(properties.get('capacity')).toMatch(/capacity$/);
    expect(arrays.get('rooms')).toBe('rooms');
    expect(arrays.has('criteria')).toBe(true);
    const unlabelled = [...properties].filter(([name]) => locales.some((l) => !(`field.${name}` in catalogues[l])));
    expect(unlabelled.map(([name, path]) => `${name} (${path})`)).toEqual([]);
    const unnumbered = [...arrays].filter(([name]) => locales.some((l) => !(`field.${name}.item` in catalogues[l])));
    expect(unnumbered.map(([name, path]) => `${name} (${path})`)).toEqual([]);
  });

  it('names an element of an array by its label and number from 1, and keeps the path for programs', () => {
    expect(fieldLabel('rooms.1.capacity', translator('en'))).toBe('Room 2 — capacity');
    expect(fieldLabel('rooms.1.capacity', translator('fr'))).toBe('Salle 2 — capacité');
    expect(fieldLabel('rooms.1.capacity', translator('nl'))).toBe('Zaal 2 — capaciteit');
    expect(fieldLabel('rooms.0', translator('en'))).toBe('Room 1');
    expect(fieldLabel('rules.criteria.2.scale.0.value', translator('en'))).toBe('Criterion 3 — Step 1 — value');
    expect(fieldLabel('supplierVat', translator('fr'))).toBe('Numéro de TVA du fournisseur');
    expect(fieldLabel('skills.3', translator('nl'))).toBe('Vaardigheden');
    expect(fieldLabel('no.such.thing', translator('en'))).toBe('no.such.thing');
  });

  it('a refused request says which room and field, in the reader’s language', async () => {
    const { token } = await t.user('admin');
    for (const [lang, words] of [
      ['fr', 'Salle 2 — capacité'],
      ['nl', 'Zaal 2 — capaciteit'],
      ['en', 'Room 2 — capacity'],
    ] as const) {
      const res = await t.api('POST', '/api/v1/venues', {
        token,
        headers: { 'accept-language': lang },
        body: {
          name: `Labels ${lang}`,
          city: 'Liège',
          rooms: [
            { name: 'Grande salle', capacity: 40 },
            { name: 'Petite salle', capacity: 0 },
          ],
        },
      });
      expect(res.statusCode).toBe(400);
      const problem = res.json();
      expect(problem.detail).toContain(words);
      expect(problem.detail).not.toContain('rooms.1');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'rooms.1.capacity' })]);
    }
  });
});
