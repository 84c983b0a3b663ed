import type { Tx } from '../db/connection.js';
import { isoOrNull as iso, type PersonalData } from '../db/gdpr.js';
import { dropUnsentMail } from '../mail/outbox.js';
import { discardUpload } from '../storage/service.js';
import type { Network } from '../networks/service.js';
import { fold } from '../web/fold.js';
import { localeOr, type Locale } from '../web/i18n.js';
import { regionName, regionOfCity } from '../web/regions.js';
import * as q from './queries.js';
import type { ProfileUpdate } from './schemas.js';
import type { memberProfiles } from './tables.js';

export type { PictureRef } from './tables.js';
import { pictureView } from './picture-view.js';

export { pictureView, PICTURE_WIDTHS, type PictureView } from './picture-view.js';

export type Profile = typeof memberProfiles.$inferSelect;
export type ProfileFields = Omit<ProfileUpdate, 'name'>;

/** Skills compare folded and de-duplicated: "Node.js", "node.js " and "NODE.JS" are one tag. */
export function skillKeysOf(skills: readonly string[]): string[] {
  return [...new Set(skills.map((s) => fold(s).trim()).filter(Boolean))];
}

/**
 * The folded text the directory searches: the name, the city, both regions in the three
 * languages (so "Henegouwen" finds "Hainaut"), the kind, the skills and the bio.
 */
export function searchTextOf(
  name: string,
  p: Pick<Profile, 'city' | 'residenceRegion' | 'originRegion' | 'originDetail' | 'kind' | 'skills' | 'bio'>,
): string {
  const regionWords = (code: string | null) =>
    code ? (['fr', 'nl', 'en'] as const).map((l) => regionName(code, l)).join(' ') : '';
  return fold(
    [
      name,
      p.city,
      regionWords(p.residenceRegion),
      regionWords(p.originRegion),
      p.originDetail,
      p.kind ?? '',
      p.skills.join(' '),
      p.bio,
    ].join(' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

const empty: Omit<Profile, 'userId' | 'networkId' | 'searchDoc' | 'updatedAt' | 'importedAt'> = {
  nameKey: '',
  city: '',
  cityKey: '',
  residenceRegion: null,
  originRegion: null,
  originDetail: '',
  kind: null,
  skills: [],
  skillKeys: [],
  bio: '',
  links: [],
  locale: 'fr',
  directoryVisible: false,
  invitationsOptOut: false,
  attendanceVisible: false,
  picture: null,
  contactable: true,
  searchText: '',
};

/**
 * A complete profile row from the current one (or none) and a change: derived columns (city key,
 * skill keys, search text, residence region from a known town) are recomputed here, so every
 * writer — the profile form, the API, the import, the demo — keeps them right.
 */
export function profileRow(
  networkId: string,
  userId: string,
  name: string,
  current: Profile | undefined,
  change: ProfileFields,
) {
  const base = current ?? { ...empty, userId, networkId };
  const next = {
    ...base,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
  } as typeof base;
  if (change.city !== undefined && change.residenceRegion === undefined)
    next.residenceRegion = regionOfCity(next.city) ?? (change.city === '' ? null : next.residenceRegion);
  if (next.originRegion !== 'other' && change.originDetail === undefined) next.originDetail = '';
  next.nameKey = fold(name).trim();
  next.cityKey = fold(next.city).trim();
  next.skills = [...new Map(next.skills.map((s) => [fold(s).trim(), s.trim()])).values()];
  next.skillKeys = skillKeysOf(next.skills);
  next.searchText = searchTextOf(name, next);
  const { searchDoc: _generated, updatedAt: _u, ...values } = next as Profile;
  return { ...values, networkId, userId, updatedAt: new Date() };
}

export const findProfile = (db: Tx, networkId: string, userId: string): Promise<Profile | undefined> =>
  q.selectProfile(db, networkId, userId);

/**
 * Saves a change to a member's profile (creating it on first save), and their name if given.
 * An account whose address is not confirmed is never listed in the directory: the directory's
 * queries rely on `directory_visible` alone (no join to the accounts), so the rule is kept here.
 */
export async function saveProfile(
  tx: Tx,
  user: { id: string; networkId: string; name: string; emailVerifiedAt?: Date | null },
  change: ProfileUpdate,
): Promise<Profile> {
  const { name, ...fields } = change;
  if (user.emailVerifiedAt === null) fields.directoryVisible = false;
  const displayName = name ?? user.name;
  if (name !== undefined && name !== user.name) await q.renameUser(tx, user.id, name);
  const current = await findProfile(tx, user.networkId, user.id);
  const row = profileRow(user.networkId, user.id, displayName, current, fields);
  const saved = await q.upsertProfile(tx, row);
  // Opting out also stops the invitation e-mails already queued for them, in this transaction
  // (the one-click link does the same): only when the flag turns on, not on every save.
  if (saved!.invitationsOptOut && !current?.invitationsOptOut)
    await dropUnsentMail(tx, user.networkId, 'invitation', user.id);
  return saved!;
}

/**
 * The profile in the GDPR export. The row goes with the account (ON DELETE CASCADE); its picture
 * is removed here, row and stored bytes, since the upload would outlive the account.
 */
export const profileData: PersonalData = {
  key: 'profile',
  async export(tx, who) {
    const profile = await findProfile(tx, who.networkId, who.userId);
    if (!profile) return null;
    return {
      city: profile.city,
      residenceRegion: profile.residenceRegion,
      originRegion: profile.originRegion,
      originDetail: profile.originDetail,
      kind: profile.kind,
      skills: profile.skills,
      bio: profile.bio,
      links: profile.links,
      locale: profile.locale,
      directoryVisible: profile.directoryVisible,
      invitationsOptOut: profile.invitationsOptOut,
      attendanceVisible: profile.attendanceVisible,
      contactable: profile.contactable,
      // The addresses of its widths (the member, signed in, may open them); the original was never kept.
      picture: pictureView(who.userId, '', profile.picture)?.srcset.split(', ') ?? null,
      importedAt: iso(profile.importedAt),
      updatedAt: iso(profile.updatedAt),
    };
  },
  async forget(tx, who) {
    const picture = (await findProfile(tx, who.networkId, who.userId))?.picture;
    if (picture) await discardUpload(tx, who.networkId, picture.uploadId);
  },
};

/** The member's chosen language for mails; the page's language for an account without a profile. */
export async function mailLocale(db: Tx, network: Network, userId: string, fallback: Locale): Promise<Locale> {
  const saved = (await findProfile(db, network.id, userId))?.locale;
  if (saved) return localeOr(saved, fallback);
  // No member profile (a juror, an account an admin made): the language the account last used.
  return localeOr(await q.selectAccountLocale(db, network.id, userId), fallback);
}
