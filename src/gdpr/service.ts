import type { User } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { keepInvitationOutcomes } from '../invitations/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { followedChapters } from './follow.js';
import { findProfile } from './profiles.js';
import * as q from './queries.js';

/** What an anonymised registration is called: no name, nobody's language. */
export const DELETED_LABEL = 'Deleted member';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

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
 * Everything the network holds about one member (GDPR art. 15 and 20), never the password hash.
 * With an `actor` other than the member (an admin), the export is written in the audit log in
 * the same transaction as it is read.
 */
export async function exportMember(db: Db, network: Network, userId: string, actor?: Pick<User, 'id' | 'email'>) {
  return db.transaction(async (tx) => {
    const user = await q.selectUser(tx, network.id, userId);
    if (!user) throw notFound(`The member ${userId}`);
    const me = { networkId: network.id, userId: user.id, email: user.email };
    const profile = await findProfile(tx, network.id, user.id);
    const data = {
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
      profile: profile
        ? {
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
            importedAt: iso(profile.importedAt),
            updatedAt: iso(profile.updatedAt),
          }
        : null,
      followedChapters: (await followedChapters(tx, network.id, user.id)).map((c) => ({ slug: c.slug, name: c.name })),
      registrations: (await q.selectRegistrationsForExport(tx, me)).map((r) => ({
        event: r.title,
        startsAt: iso(r.startsAt),
        name: r.name,
        email: r.email,
        status: r.status,
        checkedInAt: iso(r.checkedInAt),
        answers: r.answers,
        consentToShareWithVenue: { given: r.sharedWithVenueAt !== null, at: iso(r.sharedWithVenueAt) },
        language: r.locale,
        registeredAt: iso(r.createdAt),
        cancelledAt: iso(r.cancelledAt),
      })),
      invitations: (await q.selectInvitationsForExport(tx, me)).map((i) => ({
        event: i.title,
        startsAt: iso(i.startsAt),
        invitedAt: iso(i.invitedAt),
      })),
      chapterInterest: (await q.selectInterestForExport(tx, me)).map((i) => ({
        chapter: i.chapter,
        name: i.name,
        email: i.email,
        signedUpAt: iso(i.createdAt),
      })),
    };
    if (actor && actor.id !== user.id)
      await recordAudit(tx, { networkId: network.id, actor, action: 'member.export', subject: subjectOf(user) });
    return data;
  });
}

/**
 * Erases a member (GDPR art. 17): account and everything hanging from it, interest sign-ups and
 * mails to their address; registrations stay, anonymised, so events keep their counts. Recorded
 * in the audit log in the same transaction, without the address. The network's last admin
 * cannot be deleted: nobody could run it afterwards.
 */
export async function deleteMember(
  db: Db,
  network: Network,
  userId: string,
  actor: Pick<User, 'id' | 'email'> | null,
): Promise<{ anonymisedRegistrations: number }> {
  return db.transaction(async (tx) => {
    const user = await q.selectUser(tx, network.id, userId);
    if (!user) throw notFound(`The member ${userId}`);
    // countOtherAdmins locks the admin rows first, so two admins deleting each other cannot both pass.
    if (user.role === 'admin' && (await q.countOtherAdmins(tx, network.id, user.id)) === 0) {
      throw new AppError(
        'conflict',
        "This is the network's only admin: make someone else admin before deleting this account.",
      );
    }
    const me = { networkId: network.id, userId: user.id, email: user.email };
    await keepInvitationOutcomes(tx, network, user);
    const anonymised = await q.anonymiseRegistrations(tx, me, DELETED_LABEL);
    // By id too: a registration made under another address than the account's still names them.
    const ids = anonymised.map((r) => r.id);
    await q.deleteMailsTo(tx, network.id, user.email, ids);
    await q.scrubWebhookPayloads(tx, network.id, user.email, ids, DELETED_LABEL);
    await q.deleteInterestOf(tx, network.id, user.email);
    const self = actor?.id === user.id;
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: self ? 'member.self_delete' : 'member.delete',
      subject: subjectOf(user),
      details: { anonymisedRegistrations: anonymised.length },
    });
    // After the entry above, so a self-deletion's own entry loses the address too.
    await q.scrubAuditActor(tx, network.id, user.id, `deleted account (${initialsOf(user.name) || '?'})`);
    await q.deleteUserRow(tx, network.id, user.id);
    return { anonymisedRegistrations: anonymised.length };
  });
}
