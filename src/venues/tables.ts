import {
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  jsonb,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';
import type { CoverRef } from '../storage/tables.js';
import type { Translations } from '../web/content.js';

export const venueKind = pgEnum('venue_kind', ['coworking', 'company', 'university', 'public', 'cafe', 'other']);

export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: venueKind('kind').notNull().default('coworking'),
    address: text('address').notNull().default(''),
    city: text('city').notNull(),
    /** e.g. a regional coworking network the venue belongs to. */
    affiliation: text('affiliation').notNull().default(''),
    coworkers: integer('coworkers'),
    website: text('website'),
    description: text('description').notNull().default(''),
    language: text('language').notNull().default('fr'),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    /** WGS 84 degrees, for the map: typed by hand or found from the address by the geocoder; both or neither. */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** The cover picture, with its required alternative text (see CoverRef). */
    cover: jsonb('cover').$type<CoverRef>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('venues_network_slug').on(t.networkId, t.slug),
    check('venues_coworkers_positive', sql`${t.coworkers} >= 0`),
    check(
      'venues_coordinates',
      sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL) AND ${t.latitude} BETWEEN -90 AND 90 AND ${t.longitude} BETWEEN -180 AND 180`,
    ),
  ],
);

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    language: text('language').notNull().default('fr'),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
  },
  (t) => [
    unique('rooms_venue_name').on(t.networkId, t.venueId, t.name),
    check('rooms_capacity_positive', sql`${t.capacity} >= 1`),
  ],
);

export const venueManagers = pgTable(
  'venue_managers',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.venueId, t.userId] }), index('venue_managers_user').on(t.userId)],
);
