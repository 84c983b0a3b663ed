import { type Column, getTableColumns, type Table } from 'drizzle-orm';

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
