import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import { DELETED_LABEL, type PersonalData } from '../db/gdpr.js';
import { webhookDeliveries } from './tables.js';

// GDPR only: the scrubbing of webhook payloads about a person, moved here from members/queries.ts.

export const webhookData: PersonalData = {
  key: 'webhooks',
  /**
   * Webhook payloads about their registrations (delivered or not) say what the anonymised rows say:
   * those whose `data.id` is one of the anonymised registrations, and any still carrying the address.
   */
  async forget(tx, who, { registrationIds }) {
    await tx
      .update(webhookDeliveries)
      .set({
        payload: sql`jsonb_set(jsonb_set(${webhookDeliveries.payload}, '{data,email}', to_jsonb('deleted-' || (${webhookDeliveries.payload}->'data'->>'id') || '@invalid')), '{data,name}', to_jsonb(${DELETED_LABEL}::text))`,
      })
      .where(
        and(
          eq(webhookDeliveries.networkId, who.networkId),
          or(
            sql`${webhookDeliveries.payload}->'data'->>'email' = ${who.email}`,
            registrationIds.length > 0
              ? and(
                  like(webhookDeliveries.event, 'registration.%'),
                  inArray(sql`${webhookDeliveries.payload}->'data'->>'id'`, registrationIds),
                )
              : undefined,
          ),
        ),
      );
  },
};
