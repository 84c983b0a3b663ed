import { sql, type SQL } from 'drizzle-orm';
import { boolean, customType, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';
import type { ImageVariant } from '../storage/tables.js';

/** A profile picture: a restricted upload (not under /media) and its square widths, smallest first. */
export interface PictureRef {
  uploadId: string;
  variants: ImageVariant[];
}

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const memberKind = pgEnum('member_kind', ['tech', 'generalist', 'other']);

/**
 * A member's profile, one per account that has one (the admin created from the environment has
 * none). Region codes are those of `regions.ts` (ISO 3166-2:BE, or `other` with `origin_detail`).
 */
export const memberProfiles = pgTable(
  'member_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Accent-folded, lower-cased display name: the directory's order, kept beside the profile so browsing needs no join. */
    nameKey: text('name_key').notNull().default(''),
    city: text('city').notNull().default(''),
    /** Accent-folded, lower-cased city: the directory filters on it. */
    cityKey: text('city_key').notNull().default(''),
    residenceRegion: text('residence_region'),
    originRegion: text('origin_region'),
    /** Free text when the region of origin is not in the list ("Lille, France"). */
    originDetail: text('origin_detail').notNull().default(''),
    kind: memberKind('kind'),
    /** As the member wrote them; `skill_keys` holds the folded forms the filters compare. */
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    skillKeys: text('skill_keys').array().notNull().default(sql`'{}'::text[]`),
    bio: text('bio').notNull().default(''),
    links: text('links').array().notNull().default(sql`'{}'::text[]`),
    locale: text('locale').notNull().default('fr'),
    /** Opt-in: nobody appears in the directory until they ask to. */
    directoryVisible: boolean('directory_visible').notNull().default(false),
    /** Opt-out of "come home" invitations: never counted, never mailed. */
    invitationsOptOut: boolean('invitations_opt_out').notNull().default(false),
    /** Opt-in: my name in the "who's going" list of the public page of events I am registered for. */
    attendanceVisible: boolean('attendance_visible').notNull().default(false),
    /** Optional; shown only where the profile is (see directory/picture.ts), its alt text the member's name. */
    picture: jsonb('picture').$type<PictureRef>(),
    /**
     * Whether members who can see the profile may write through the contact form (the address is
     * never shown). On by default: see DECISIONS.md, "Contacting a member".
     */
    contactable: boolean('contactable').notNull().default(true),
    /** Folded name, city, regions, skills and bio, maintained by the service on every write. */
    searchText: text('search_text').notNull().default(''),
    searchDoc: tsvector('search_doc').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('simple'::regconfig, ${memberProfiles.searchText})`,
    ),
    importedAt: timestamp('imported_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('member_profiles_directory').on(t.networkId, t.directoryVisible),
    index('member_profiles_origin').on(t.networkId, t.originRegion, t.residenceRegion),
    index('member_profiles_city').on(t.networkId, t.cityKey),
    index('member_profiles_search_doc').using('gin', t.searchDoc),
    // What members see is only the opted-in: partial indexes keep their searches off the other
    // 70 % (measured at 100,000 members: a broad word from 50 ms to 31 ms, browsing by name from
    // 60 ms to 15 ms).
    index('member_profiles_listed_doc').using('gin', t.searchDoc).where(sql`${t.directoryVisible}`),
    index('member_profiles_listed_name').on(t.networkId, t.nameKey, t.userId).where(sql`${t.directoryVisible}`),
    index('member_profiles_name').on(t.networkId, t.nameKey, t.userId),
    index('member_profiles_skills').using('gin', t.skillKeys),
  ],
);
