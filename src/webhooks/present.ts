import type { WebhookEvent } from './tables.js';
import type { DeliveryRow, EndpointRow } from './service.js';

/** Never the secret: it is shown once, when the endpoint is created. */
export const presentEndpoint = (e: EndpointRow) => ({
  id: e.id,
  url: e.url,
  events: e.events as WebhookEvent[],
  active: e.active,
  consecutiveFailures: e.consecutiveFailures,
  disabledAt: e.disabledAt?.toISOString() ?? null,
  createdAt: e.createdAt.toISOString(),
});

export const presentDelivery = (d: DeliveryRow) => ({
  id: d.id,
  event: d.event as WebhookEvent,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  responseMs: d.responseMs,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});
