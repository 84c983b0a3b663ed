import { chapterForCover, setChapterCover } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { eventForCover, setEventCover } from '../events/service.js';
import type { Network } from '../networks/service.js';
import type { CoverRef } from '../storage/service.js';
import type { Actor } from '../web/policy.js';
import { venueForCover, setVenueCover } from '../venues/service.js';

/** A thing that can have a cover picture, found and authorised by the feature that owns it. */
export interface CoverTarget {
  /** The path parameter naming it. */
  param: 'id' | 'slug';
  api: string;
  page: string;
  tags: string[];
  noun: string;
  find(
    db: Db,
    network: Network,
    actor: Actor,
    key: string,
  ): Promise<{ name: string; cover: CoverRef | null; edit: string; view: string }>;
  set(db: Db, network: Network, actor: Actor, key: string, cover: CoverRef | null): Promise<void>;
}

export const coverTargets: CoverTarget[] = [
  {
    param: 'id',
    api: '/api/v1/events/:id/cover',
    page: '/admin/events/:id/cover',
    tags: ['events'],
    noun: 'an event (its organisers, admins)',
    find: eventForCover,
    set: setEventCover,
  },
  {
    param: 'slug',
    api: '/api/v1/chapters/:slug/cover',
    page: '/admin/chapters/:slug/cover',
    tags: ['chapters'],
    noun: 'a chapter (its organisers, admins)',
    find: chapterForCover,
    set: setChapterCover,
  },
  {
    param: 'slug',
    api: '/api/v1/venues/:slug/cover',
    page: '/admin/venues/:slug/cover',
    tags: ['venues'],
    noun: 'a venue (its managers, admins)',
    find: venueForCover,
    set: setVenueCover,
  },
];
