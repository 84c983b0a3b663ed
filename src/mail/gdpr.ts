import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { PersonalData } from '../db/gdpr.js';
import { outboundMessages } from './tables.js';

// GDPR only: the erasure of a person's mails, moved here from members/queries.ts.

export const mailData: PersonalData = {
  key: 'mail',
  /**
   * Mails to that address, and mails about their registrations whatever the address they gave
   * (confirmations, reminders: `payload.registrationId`): unsent ones are dropped, and sent ones
   * go too, since they hold the address and text.
   */
  async forget(tx, who, { registrationIds }) {
    await tx
      .delete(outboundMessages)
      .where(
        and(
          eq(outboundMessages.networkId, who.networkId),
          or(
            eq(outboundMessages.toEmail, who.email),
            registrationIds.length > 0
              ? inArray(sql`${outboundMessages.payload}->>'registrationId'`, registrationIds)
              : undefined,
          ),
        ),
      );
  },
};
