import type { Tx } from '../db/connection.js';
import { outboundMessages } from './tables.js';

export type RegistrationMailKind = 'registration.confirmed' | 'registration.waitlisted' | 'registration.promoted';

export interface RegistrationMail {
  kind: RegistrationMailKind;
  networkId: string;
  registration: { id: string; email: string; name: string; locale: string };
  position?: number;
}

/**
 * Queues messages in the caller's transaction: they exist if and only if what caused them was
 * committed. Their text is written by the worker, in the recipient's language, when sent.
 */
export async function queueRegistrationMails(tx: Tx, mails: RegistrationMail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.insert(outboundMessages).values(
    mails.map((m) => ({
      networkId: m.networkId,
      kind: m.kind,
      toEmail: m.registration.email,
      toName: m.registration.name,
      locale: m.registration.locale,
      payload: { registrationId: m.registration.id, ...(m.position !== undefined ? { position: m.position } : {}) },
    })),
  );
}
