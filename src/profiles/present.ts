import type { User } from '../accounts/service.js';
import type { FormValues } from '../web/forms.js';
import type { FollowedChapter } from '../follows/service.js';
import { pictureView } from './picture-view.js';
import { profileRow, type Profile } from './service.js';

type ProfileFields = Omit<Profile, 'searchDoc'>;

/** A member without a saved profile reads as the defaults (nothing shown, nothing opted in). */
export function profileOrDefaults(user: User, profile: Profile | undefined): ProfileFields {
  return profile ?? (profileRow(user.networkId, user.id, user.name, undefined, {}) as ProfileFields);
}

export function presentProfile(user: User, profile: Profile | undefined, followed: FollowedChapter[]) {
  const p = profileOrDefaults(user, profile);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
    city: p.city,
    residenceRegion: p.residenceRegion,
    originRegion: p.originRegion,
    originDetail: p.originDetail,
    kind: p.kind,
    skills: p.skills,
    bio: p.bio,
    links: p.links,
    locale: p.locale,
    directoryVisible: p.directoryVisible,
    invitationsOptOut: p.invitationsOptOut,
    attendanceVisible: p.attendanceVisible,
    contactable: p.contactable,
    picture: pictureView(user.id, user.name, p.picture),
    followedChapters: followed.map((c) => c.slug),
  };
}

/** The profile as the edit form shows it: lists become text (skills comma-separated, links one per line). */
export function profileFormValues(user: User, profile: Profile | undefined): FormValues {
  const p = profileOrDefaults(user, profile);
  return {
    name: user.name,
    city: p.city,
    residenceRegion: p.residenceRegion ?? '',
    originRegion: p.originRegion ?? '',
    originDetail: p.originDetail,
    kind: p.kind ?? '',
    skills: p.skills.join(', '),
    bio: p.bio,
    links: p.links.join('\n'),
    locale: p.locale,
    ...(p.directoryVisible ? { directoryVisible: 'on' } : {}),
    ...(p.invitationsOptOut ? { invitationsOptOut: 'on' } : {}),
    ...(p.attendanceVisible ? { attendanceVisible: 'on' } : {}),
    ...(p.contactable ? { contactable: 'on' } : {}),
  };
}

export type AttendanceRow = {
  id: string;
  eventId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  checkedInAt: Date | null;
};
export type Outcome = 'upcoming' | 'attended' | 'no-show' | 'waitlisted' | 'cancelled';

/** Attended when checked in; a no-show when confirmed for an event that is over without a check-in. */
export function outcomeOf(r: AttendanceRow, now = new Date()): Outcome {
  if (r.checkedInAt) return 'attended';
  if (r.status === 'cancelled') return 'cancelled';
  if (r.status === 'waitlisted') return 'waitlisted';
  return r.endsAt < now ? 'no-show' : 'upcoming';
}

export function presentAttendance(r: AttendanceRow) {
  return {
    registrationId: r.id,
    eventId: r.eventId,
    title: r.title,
    startsAt: r.startsAt.toISOString(),
    status: r.status,
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    outcome: outcomeOf(r),
  };
}
