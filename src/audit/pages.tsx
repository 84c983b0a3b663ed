import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';

/** Placeholder: filled in by the work on issue 5. */
export function auditPages(_app: FastifyInstance, _db: Db, _config: Config): void {}
