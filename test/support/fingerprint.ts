import pg from 'pg';

/**
 * What a database holds, for comparing a restore with its source: every table of `public` and
 * drizzle's ledger as its row count and the MD5 of its rows' JSON in byte order, and each
 * sequence's position. Written apart from the backup's own checksums, so it checks them.
 */
export async function fingerprint(
  url: string,
  /** Across major versions: generated columns (search documents) are each server's own computation. */
  opts: { storedOnly?: boolean } = {},
): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ; SET LOCAL TimeZone = 'UTC'");
    const { rows: tables } = await client.query<{ t: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { t } of tables) {
      const stored = await client.query<{ c: string }>(
        `SELECT format('x.%I', attname) AS c FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND ($2 = false OR attgenerated = '')
          ORDER BY attnum`,
        [t, Boolean(opts.storedOnly)],
      );
      const r = await client.query<{ n: string; h: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(j, E'\\n' ORDER BY j COLLATE "C"), '')) AS h
           FROM (SELECT json_build_array(${stored.rows.map((s) => s.c).join(', ')})::text AS j FROM ${t} x) s`,
      );
      out[t] = `${r.rows[0]!.n} rows ${r.rows[0]!.h}`;
    }
    const seqs = await client.query<{ s: string; v: string | null }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS s, last_value::text AS v FROM pg_sequences WHERE schemaname IN ('public', 'drizzle')`,
    );
    for (const { s, v } of seqs.rows) out[`sequence ${s}`] = String(v);
    await client.query('COMMIT');
    return out;
  } finally {
    await client.end();
  }
}

/** `SHOW server_version_num` as a number: 150018, 180004… */
export async function serverVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
  } finally {
    await client.end();
  }
}
