import { AppError } from '../web/errors.js';
import { msg, type MsgParams, type T } from '../web/i18n.js';

export type RefusalKey =
  | 'binary'
  | 'empty'
  | 'size'
  | 'rows'
  | 'unclosed'
  | 'noEmail'
  | 'mapSyntax'
  | 'mapField'
  | 'mapColumn';

/**
 * A file refused as a whole (binary, too big, no e-mail column…). The detail is English for the
 * API and the command line; the upload page translates it from `key` and `vars`.
 */
export class ImportRefused extends AppError {
  constructor(
    readonly key: RefusalKey,
    readonly vars: Record<string, string>,
  ) {
    super(key === 'size' ? 'payload_too_large' : 'validation', msg(`import.refuse.${key}`, numbers(vars)));
  }

  translated(t: T): string {
    return t(`import.refuse.${this.key}`, numbers(this.vars));
  }
}

/** Counts given as text become numbers, so that ICU picks their plural and writes them by locale. */
const numbers = (vars: Record<string, string>): MsgParams =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]));

export function refuse(key: RefusalKey, vars: Record<string, string> = {}): never {
  throw new ImportRefused(key, vars);
}
