import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { backupFileName, pruneBackups } from './backup-schedule.js';

it('names daily backups by UTC time and keeps only the newest BACKUP_KEEP of them', () => {
  expect(backupFileName(new Date('2026-11-27T03:04:05.678Z'))).toBe('essaim-20261127-030405.zip');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-prune-'));
  try {
    const days = ['20261120', '20261121', '20261122', '20261123', '20261124'];
    for (const d of days) fs.writeFileSync(path.join(dir, `essaim-${d}-030000.zip`), d);
    // Files the schedule did not name are never deleted.
    fs.writeFileSync(path.join(dir, 'before-upgrade.zip'), 'manual');
    expect(pruneBackups(dir, 3)).toEqual(['essaim-20261120-030000.zip', 'essaim-20261121-030000.zip']);
    expect(fs.readdirSync(dir).sort()).toEqual([
      'before-upgrade.zip',
      'essaim-20261122-030000.zip',
      'essaim-20261123-030000.zip',
      'essaim-20261124-030000.zip',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
