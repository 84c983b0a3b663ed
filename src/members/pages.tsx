import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { adminMemberPages } from './admin-pages.js';
import { mePages } from './me-pages.js';
import { profilePages } from './profile-page.js';
import { signupPages } from './signup-pages.js';

/** Sign-up and confirmation, my profile and data, following chapters, and the admins' member pages. */
export function memberPages(app: FastifyInstance, db: Db, config: Config): void {
  signupPages(app, db, config);
  profilePages(app, db);
  mePages(app, db);
  adminMemberPages(app, db);
}
