import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDetailKeys } from '../../test/support/audit-detail-keys.js';
import { locales, translator } from '../web/i18n.js';
import { describeDetails, detailLabel, readableSubject } from './details.js';

const root = path.resolve(import.meta.dirname, '../..');
const nobody = () => undefined;

describe('the names of the details the log records', () => {
  it('names every detail key written anywhere in src/ in the three languages', () => {
    const { keys, unknown } = auditDetailKeys(root);
    // The walk reads the code: it must find the log's writers and their keys, and tell every one.
    expect(unknown).toEqual([]);
    for (const k of ['by', 'sessionsEnded', 'opensAt', 'to', 'amountCents', 'userId', 'incomeCents', 'changed'])
      expect(keys).toContain(k);
    expect(keys.size).toBeGreaterThan(60);
    for (const locale of locales) {
      const t = translator(locale);
      const missing = [...keys].filter((k) => detailLabel(t, k) === undefined);
      expect(missing, `detail keys without a label (add audit.detail.<key> to detail-messages.ts)`).toEqual([]);
    }
  }, 120_000);
});

describe('the values as people read them', () => {
  it('writes a password change, a call and an amount in French', () => {
    const t = translator('fr');
    expect(describeDetails({ by: 'reset link', sessionsEnded: 1, tokensRevoked: 0 }, t, nobody)).toBe(
      'Comment\u202f: lien de réinitialisation; Sessions fermées\u202f: 1; Clés d’API révoquées\u202f: 0',
    );
    expect(describeDetails({ opensAt: '2026-11-14T01:23:37.879Z', kind: 'talks' }, t, nobody)).toBe(
      'Ouverture\u202f: 14/11/2026 02:23; Type\u202f: exposés',
    );
    expect(describeDetails({ period: '2026-01-01 – 2026-12-31', rateBp: 8050 }, t, nobody)).toMatch(
      /^Période\u202f: 01\/01\/2026 – 31\/12\/2026; Taux\u202f: 80,5\s%$/,
    );
    expect(describeDetails({ amountCents: { from: 12000, to: 9550 }, welcome: true }, t, nobody)).toMatch(
      /^Montant\u202f: 120,00\s€ → 95,50\s€; E-mail de bienvenue\u202f: oui$/,
    );
  });

  it('writes numbers, days, statuses, fields and ids in Dutch', () => {
    const t = translator('nl');
    const id = '1f2e3d4c-0000-4000-8000-000000000001';
    const names = (key: string, v: string) => (key === 'userId' && v === id ? 'An Peeters' : undefined);
    expect(describeDetails({ entries: 12345, from: '2026-03-01' }, t, names)).toBe('Items: 12.345; Van: 01/03/2026');
    expect(describeDetails({ from: 'submitted', to: 'approved' }, t, names)).toBe('Van: ingediend; Tot: goedgekeurd');
    expect(describeDetails({ userId: id, job: '9a8b7c6d-0000-4000-8000-000000000002' }, t, names)).toBe(
      'Lid: An Peeters; Import: 9a8b7c6d…',
    );
    expect(describeDetails({ slug: 'gent', changed: ['name', 'rooms'] }, t, names)).toBe(
      'Naam in het adres: gent; Gewijzigd: Naam, Zalen',
    );
    expect(readableSubject(`juror 1f2e3d4c-0000-4000-8000-000000000001 · submission ${id}`, t)).toBe(
      'jurylid 1f2e3d4c… · inzending 1f2e3d4c…',
    );
  });
});
