import { countOtherAdmins, deleteAccount, findAccount } from '../accounts/gdpr.js';
import type { User } from '../accounts/service.js';
import { forgetAuditActor } from '../audit/gdpr.js';
import { recordAudit } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import { isoOrNull as iso } from '../db/gdpr.js';
import type { Network } from '../networks/service.js';
import { type BlobStore, deleteBlobs } from '../storage/service.js';
import { AppError, notFound } from '../web/errors.js';
import { erasers, sections } from './registry.js';
import { msg } from '../web/i18n.js';

/** "Ada Lovelace" → "A. L.": enough for an admin to recognise an entry, not enough to identify anyone. */
export function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((w) => `${w[0]!.toUpperCase()}.`)
    .join(' ');
}

const subjectOf = (user: { id: string; name: string }) => `member ${user.id} (${initialsOf(user.name) || '?'})`;

/**
 * Everything the network holds about one member (GDPR art. 15 and 20), never the password hash:
 * the account, then each feature's section from the registry. With an `actor` other than the
 * member (an admin), the export is written in the audit log in the same transaction as it is read.
 */
export async function exportMember(db: Db, network: Network, userId: string, actor?: Pick<User, 'id' | 'email'>) {
  return db.transaction(async (tx) => {
    const user = await findAccount(tx, network.id, userId);
    if (!user) throw notFound(msg('gdpr.problem.member', { id: userId }));
    const who = { networkId: network.id, userId: user.id, email: user.email };
    const data: Record<string, unknown> = {
      exportedAt: new Date().toISOString(),
      network: network.name,
      account: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        createdAt: iso(user.createdAt),
        emailVerifiedAt: iso(user.emailVerifiedAt),
      },
    };
    for (const section of sections) if (section.export) data[section.key] = await section.export(tx, who);
    if (actor && actor.id !== user.id)
      await recordAudit(tx, { networkId: network.id, actor, action: 'member.export', subject: subjectOf(user) });
    return data;
  });
}

/**
 * Erases a member (GDPR art. 17): each feature forgets what it holds (registry order), then the
 * account and everything hanging from it goes; registrations stay, anonymised, so events keep
 * their counts. Recorded in the audit log in the same transaction, without the address. The
 * network's last admin cannot be deleted: nobody could run it afterwards. Files the erasure
 * released leave the blob store once the transaction has committed (a failed erasure keeps them).
 */
export async function deleteMember(
  db: Db,
  store: BlobStore,
  network: Network,
  userId: string,
  actor: Pick<User, 'id' | 'email'> | null,
): Promise<{ anonymisedRegistrations: number }> {
  const erasure = { registrationIds: [] as string[], blobKeys: [] as string[] };
  const done = await db.transaction(async (tx) => {
    const user = await findAccount(tx, network.id, userId);
    if (!user) throw notFound(msg('gdpr.problem.member', { id: userId }));
    // countOtherAdmins locks the admin rows first, so two admins deleting each other cannot both pass.
    if (user.role === 'admin' && (await countOtherAdmins(tx, network.id, user.id)) === 0) {
      throw new AppError('conflict', msg('gdpr.problem.onlyAdmin'));
    }
    const who = { networkId: network.id, userId: user.id, email: user.email };
    for (const eraser of erasers) await eraser.forget?.(tx, who, erasure);
    const self = actor?.id === user.id;
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: self ? 'member.self_delete' : 'member.delete',
      subject: subjectOf(user),
      details: { anonymisedRegistrations: erasure.registrationIds.length },
    });
    // After the entry above, so a self-deletion's own entry loses the address too.
    await forgetAuditActor(tx, who, `deleted account (${initialsOf(user.name) || '?'})`);
    await deleteAccount(tx, network.id, user.id);
    return { anonymisedRegistrations: erasure.registrationIds.length };
  });
  await deleteBlobs(db, store, erasure.blobKeys);
  return done;
}
