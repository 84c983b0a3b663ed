import { expect } from 'vitest';
import { createToken, createUser, type User } from '../../src/accounts/service.js';
import { saveProfile } from '../../src/profiles/service.js';
import type { ProfileUpdate } from '../../src/profiles/schemas.js';
import type { TestApp } from './app.js';

/**
 * The directory tests' cast, one network per test file: visible members, one opted out and one
 * unverified (who must never leak), followers of two chapters, an organiser and an admin.
 */
export interface Person {
  user: User;
  token: string;
  password: string;
}

export async function directoryCast(t: TestApp) {
  const db = t.database.db;
  const admin = await t.user('admin');
  const ok = async (method: 'POST' | 'PUT', url: string, token: string, body?: unknown) => {
    const res = await t.api(method, url, { token, body });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };
  await ok('POST', '/api/v1/chapters', admin.token, {
    name: 'Charleroi',
    city: 'Charleroi',
    region: 'Hainaut',
    status: 'active',
  });
  await ok('POST', '/api/v1/chapters', admin.token, {
    name: 'Namur',
    city: 'Namur',
    region: 'Namur',
    status: 'active',
  });

  let n = 0;
  const person = async (
    name: string,
    profile: ProfileUpdate | undefined,
    opts: { verified?: boolean; follows?: string[] } = {},
  ): Promise<Person> => {
    const password = 'correct horse battery';
    const user = await createUser(
      db,
      t.network.id,
      { email: `${name.split(' ')[0]!.toLowerCase()}${++n}@example.org`, name, role: 'member', password },
      { verified: opts.verified ?? true },
    );
    if (profile) await saveProfile(db, user, profile);
    const { token } = await createToken(db, user, 'test');
    for (const slug of opts.follows ?? []) await ok('PUT', `/api/v1/chapters/${slug}/follow`, token);
    return { user, token, password };
  };

  const alice = await person('Alice Dupont', {
    city: 'Liège',
    originRegion: 'BE-WLG',
    kind: 'tech',
    skills: ['JavaScript', 'PHP'],
    directoryVisible: true,
  });
  const bruno = await person('Bruno Peeters', {
    city: 'Ixelles',
    originRegion: 'BE-WHT',
    kind: 'generalist',
    skills: ['Laravel', 'php'],
    bio: 'Ventes et marketing.',
    directoryVisible: true,
  });
  const chloe = await person(
    'Chloé Martin',
    {
      city: 'Namur',
      originRegion: 'BE-WNA',
      kind: 'other',
      skills: ['Design', 'Java'],
      links: ['https://chloe.example.org'],
      directoryVisible: true,
    },
    { follows: ['charleroi'] },
  );
  const hugo = await person(
    'Hugo Caché',
    { city: 'Liège', originRegion: 'BE-WLG', kind: 'tech', skills: ['JavaScript'], directoryVisible: false },
    { follows: ['charleroi'] },
  );
  const dora = await person(
    'Dora Discrète',
    { city: 'Namur', skills: ['JavaScript'], directoryVisible: false },
    { follows: ['namur'] },
  );
  const ursule = await person(
    'Ursule Inconnue',
    { city: 'Liège', skills: ['JavaScript'], directoryVisible: true },
    { verified: false },
  );
  const viewer = await person('Victor Lecteur', undefined);
  const organiser = await person('Olga Organise', undefined);
  await ok('POST', '/api/v1/chapters/charleroi/organizers', admin.token, { email: organiser.user.email });
  return { admin, alice, bruno, chloe, hugo, dora, ursule, viewer, organiser };
}
