import type pg from 'pg';

/**
 * Runs `task` at most once per `everyMs` across every process on the database. Each process
 * ticks on its own; the first to take the advisory lock (keyed by the timer's name) checks when
 * the task last ran (`timer_runs`), runs it if due and records the run before letting go; the
 * others skip that tick instead of waiting. The lock is transaction-scoped, so a process that
 * dies mid-run releases it with its connection.
 */
export async function runIfDue<T>(
  pool: pg.Pool,
  name: string,
  everyMs: number,
  task: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ locked: boolean; due: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('essaim-timer:' || $1)) AS locked,
              NOT EXISTS (SELECT 1 FROM timer_runs WHERE name = $1
                          AND last_run_at > now() - $2 * interval '1 millisecond') AS due`,
      [name, everyMs],
    );
    if (!rows[0]!.locked || !rows[0]!.due) {
      await client.query('ROLLBACK');
      return { ran: false };
    }
    // Read again under the lock: another process may have finished its run between our snapshot and the lock.
    const again = await client.query(
      `SELECT 1 FROM timer_runs WHERE name = $1 AND last_run_at > now() - $2 * interval '1 millisecond'`,
      [name, everyMs],
    );
    if (again.rowCount) {
      await client.query('ROLLBACK');
      return { ran: false };
    }
    const result = await task();
    await client.query(
      `INSERT INTO timer_runs (name, last_run_at) VALUES ($1, now())
       ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at`,
      [name],
    );
    await client.query('COMMIT');
    return { ran: true, result };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** A repeating timer (unref'd) that can be stopped and waited for: shutdown waits for a run in progress. */
export function every(ms: number, tick: () => Promise<unknown>) {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = tick()
      .catch(() => undefined)
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, ms);
  timer.unref();
  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
