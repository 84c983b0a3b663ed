import { z } from 'zod';
import { webhookEvents } from './tables.js';

export const WebhookEventSchema = z
  .enum(webhookEvents, { message: `must be one of ${webhookEvents.join(', ')}` })
  .describe('What happened');

const Events = z
  .array(WebhookEventSchema)
  .min(1, 'webhooks.error.chooseEvent')
  .max(webhookEvents.length * 2)
  .describe(`Events to receive: ${webhookEvents.join(', ')}`);

export const WebhookCreateSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .pipe(z.url({ message: 'must be a URL such as https://example.org/hooks/essaim' }))
    .describe(
      'Where to POST; https:// only, and not to a private, loopback or link-local address (unless ALLOW_PRIVATE_WEBHOOKS=1)',
    ),
  events: Events,
});
export type WebhookCreate = z.infer<typeof WebhookCreateSchema>;

export const WebhookUpdateSchema = z.strictObject({
  active: z.boolean().optional().describe('false pauses deliveries; true enables again and clears the failure count'),
  events: Events.optional(),
});
export type WebhookUpdate = z.infer<typeof WebhookUpdateSchema>;

export const WebhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(WebhookEventSchema),
  active: z.boolean(),
  consecutiveFailures: z.number().int().describe(`Failed deliveries in a row; the endpoint is disabled at 10`),
  disabledAt: z.string().nullable().describe('When it was disabled after failing again and again'),
  createdAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookSchema>;

export const NewWebhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(WebhookEventSchema),
  active: z.boolean(),
  secret: z.string().describe('HMAC-SHA256 key of the signatures, shown only this once'),
});

export const DeliverySchema = z.object({
  id: z.uuid(),
  event: WebhookEventSchema,
  status: z
    .enum(['pending', 'delivered', 'failed'])
    .describe('pending: waiting for (another) attempt; failed: given up when the endpoint was disabled'),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
