import { type Column, getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';

/** A table's columns as [property, column] pairs, for `typedRow`. */
export const columnsOf = (table: Table): [string, Column][] => Object.entries(getTableColumns(table));

/**
 * Maps a raw row of `tx.execute` (a statement drizzle's builders cannot express, such as several
 * data-modifying CTEs) to drizzle's typed row, reading the columns named `prefix` + column name.
 */
export function typedRow<T>(columns: [string, Column][], raw: Record<string, unknown>, prefix = ''): T {
  return Object.fromEntries(
    columns.map(([key, column]) => {
      const value = raw[prefix + column.name];
      return [key, value == null ? null : column.mapFromDriverValue(value)];
    }),
  ) as T;
}

/**
 * Rows to insert as one JSON parameter keyed by column name, for
 * `INSERT … SELECT <columns> FROM json_populate_recordset(NULL::<table>, <json>::json)`: a batch of
 * N rows is one parameter instead of N × columns, each of which drizzle builds and pg serialises as
 * an object of its own (in a flash crowd that, and the garbage it left, was a third of the server's
 * time: docs/DECISIONS.md). `columns` lists the keys of the first row, which every row must share;
 * dates become ISO strings and objects stay nested (jsonb columns read them as they are).
 */
export function recordset(table: Table, rows: Record<string, unknown>[]): { columns: SQL; json: string } {
  const byKey = new Map(columnsOf(table));
  const keys = Object.keys(rows[0] ?? {});
  const names = keys.map((key) => {
    const column = byKey.get(key);
    if (!column) throw new Error(`recordset: ${key} is not a column`);
    return column.name;
  });
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      keys.forEach((key, i) => {
        if (!(key in row)) throw new Error(`recordset: a row has no ${key}`);
        out[names[i]!] = row[key] ?? null;
      });
      return out;
    }),
  );
  return {
    columns: sql.join(
      names.map((n) => sql.identifier(n)),
      sql`, `,
    ),
    json,
  };
}
