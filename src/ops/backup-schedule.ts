import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import { backup } from './backup.js';
import { every, runIfDue } from './timers.js';

const DAY = 24 * 3_600_000;
const NAME = /^essaim-\d{8}-\d{6}\.zip$/;

/** Deletes the oldest scheduled backups beyond `keep` (only files this schedule named). */
export function pruneBackups(dir: string, keep: number): string[] {
  const ours = fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort();
  const gone = ours.slice(0, Math.max(0, ours.length - keep));
  for (const f of gone) fs.rmSync(path.join(dir, f), { force: true });
  return gone;
}

export function backupFileName(now = new Date()): string {
  const s = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `essaim-${s}.zip`;
}

/**
 * BACKUP_DIR set: one backup a day (whichever process gets there first, see runIfDue), the
 * newest BACKUP_KEEP kept.
 */
export function backupOnSchedule(
  config: Config,
  database: Database,
  log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void },
) {
  const dir = config.backupDir!;
  const timer = every(10 * 60_000, () =>
    runIfDue(database.pool, 'daily-backup', DAY - 15 * 60_000, async () => {
      fs.mkdirSync(dir, { recursive: true });
      const r = await backup(config, path.join(dir, backupFileName()), database);
      const pruned = pruneBackups(dir, config.backupKeep);
      log.info({ file: r.file, bytes: r.bytes, pruned: pruned.length }, 'daily backup written');
    }).catch((err: Error) => log.error({ err }, 'daily backup failed')),
  );
  timer.run();
  return timer;
}
