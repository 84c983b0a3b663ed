import { AppError } from '../web/errors.js';
import { translator, type T } from '../web/i18n.js';

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
    super(key === 'size' ? 'payload_too_large' : 'validation', translator('en')(`import.refuse.${key}`, vars));
  }

  translated(t: T): string {
    return t(`import.refuse.${this.key}`, this.vars);
  }
}

export function refuse(key: RefusalKey, vars: Record<string, string> = {}): never {
  throw new ImportRefused(key, vars);
}
