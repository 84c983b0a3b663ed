import type { User } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { followedChapters, setFollowedChapters } from '../follows/service.js';
import { presentProfile } from './present.js';
import { findProfile, saveProfile } from './service.js';
import * as q from './queries.js';
import type { ProfileUpdate } from './schemas.js';

const meOf = (user: User) => ({ networkId: user.networkId, userId: user.id, email: user.email });

export async function myProfile(db: Db, network: Network, user: User) {
  return presentProfile(
    user,
    await findProfile(db, network.id, user.id),
    await followedChapters(db, network.id, user.id),
  );
}

/**
 * Saves a validated change; with `followed` (the form's checkboxes) the chapters followed are
 * set in the same transaction, so a refused save changes neither.
 */
export async function updateMyProfile(
  db: Db,
  network: Network,
  user: User,
  change: ProfileUpdate,
  followed?: { ids: string[]; known: { id: string }[] },
) {
  return db.transaction(async (tx) => {
    const profile = await saveProfile(tx, user, change);
    if (followed) await setFollowedChapters(tx, network, user.id, followed.ids, followed.known);
    return presentProfile(
      { ...user, name: change.name ?? user.name },
      profile,
      await followedChapters(tx, network.id, user.id),
    );
  });
}

export const myAttendance = (db: Db, user: User, opts: { limit: number; offset: number }) =>
  q.selectAttendance(db, meOf(user), opts);
export const myAttendanceSummary = (db: Db, user: User) => q.countAttendance(db, meOf(user));
