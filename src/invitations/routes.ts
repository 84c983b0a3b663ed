import type { Api } from '../web/api.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';

/** Placeholder: filled in by the work on issue 5. */
export function invitationRoutes(_api: Api, _db: Db, _config: Config): void {}
