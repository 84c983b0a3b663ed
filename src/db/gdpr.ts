import type { Tx } from './connection.js';

/**
 * Whose data a GDPR export or erasure is about: the account, and the address it uses (registrations
 * and sign-ups made under that address before the account existed are theirs too).
 */
export interface DataSubject {
  networkId: string;
  userId: string;
  email: string;
}

/** What one feature's erasure tells the next ones: mails and webhooks about these registrations go too. */
export interface Erasure {
  registrationIds: string[];
  /** Stored files whose rows the erasure deleted: their bytes leave the blob store once it commits. */
  blobKeys: string[];
}

/**
 * A feature's share of a member's personal data (pretix's data shredders): each feature that keeps
 * rows about a person exposes one of these from its `gdpr.ts`, and `src/gdpr/` runs them. Here in
 * `db/` because it is a shape every feature implements, and `db/` imports no feature.
 */
export interface PersonalData {
  /** The key of this feature's section in the export file. */
  key: string;
  /** The section's content (never secrets such as password hashes or tokens). */
  export?: (tx: Tx, who: DataSubject) => Promise<unknown>;
  /** Erases or anonymises this feature's rows about the person, inside the erasure's transaction. */
  forget?: (tx: Tx, who: DataSubject, erasure: Erasure) => Promise<void>;
}

/** What an anonymised registration (and the webhooks about it) is called: no name, nobody's language. */
export const DELETED_LABEL = 'Deleted member';

export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
