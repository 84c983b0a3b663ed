import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { authorizeWebhooks } from './policy.js';
import { presentDelivery, presentEndpoint } from './present.js';
import {
  DeliverySchema,
  NewWebhookSchema,
  WebhookCreateSchema,
  WebhookSchema,
  WebhookUpdateSchema,
} from './schemas.js';
import * as webhooks from './service.js';

const tags = ['webhooks'];
const IdParams = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const signing =
  'Each delivery is a POST of JSON `{id, type, createdAt, data}` with the headers Essaim-Webhook-Id, Essaim-Event, Essaim-Timestamp (unix seconds) and Essaim-Signature: `v1=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` keyed with the secret. A 2xx answer within 10 s is a success; otherwise it is retried with backoff (30 s doubling to 1 h), and the endpoint is disabled after 10 failures in a row.';

/** Admins only: webhook endpoints of the network and what was sent to them. */
export function webhookRoutes(app: Api, db: Db, config: Pick<Config, 'allowPrivateWebhooks'>): void {
  app.post('/api/v1/webhooks', {
    schema: {
      tags,
      summary: 'Add a webhook endpoint (its secret is in this answer only)',
      description: signing,
      security: bearer,
      body: WebhookCreateSchema,
      response: { 201: NewWebhookSchema },
    },
    handler: async (req, reply) => {
      authorizeWebhooks(req.user);
      const row = await webhooks.createEndpoint(
        db,
        req.network,
        req.body,
        config.allowPrivateWebhooks,
        undefined,
        req.user,
      );
      return reply
        .code(201)
        .header('location', `/api/v1/webhooks/${row.id}`)
        .send({
          id: row.id,
          url: row.url,
          events: presentEndpoint(row).events,
          active: row.active,
          secret: row.secret,
        });
    },
  });

  app.get('/api/v1/webhooks', {
    schema: {
      tags,
      summary: 'Webhook endpoints (without their secrets)',
      security: bearer,
      response: { 200: z.object({ items: z.array(WebhookSchema) }) },
    },
    handler: async (req) => {
      authorizeWebhooks(req.user);
      return { items: (await webhooks.listEndpoints(db, req.network)).map(presentEndpoint) };
    },
  });

  app.get('/api/v1/webhooks/:id/deliveries', {
    schema: {
      tags,
      summary: 'The latest 100 deliveries to an endpoint, newest first',
      security: bearer,
      params: IdParams,
      response: { 200: z.object({ items: z.array(DeliverySchema) }) },
    },
    handler: async (req) => {
      authorizeWebhooks(req.user);
      return { items: (await webhooks.listDeliveries(db, req.network, req.params.id)).map(presentDelivery) };
    },
  });

  app.patch('/api/v1/webhooks/:id', {
    schema: {
      tags,
      summary: 'Pause, enable (clears the failure count) or change the events of an endpoint',
      security: bearer,
      params: IdParams,
      body: WebhookUpdateSchema,
      response: { 200: WebhookSchema },
    },
    handler: async (req) => {
      authorizeWebhooks(req.user);
      return presentEndpoint(await webhooks.updateEndpoint(db, req.network, req.params.id, req.body, req.user));
    },
  });

  app.delete('/api/v1/webhooks/:id', {
    schema: {
      tags,
      summary: 'Remove an endpoint and its deliveries',
      security: bearer,
      params: IdParams,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      authorizeWebhooks(req.user);
      await webhooks.deleteEndpoint(db, req.network, req.params.id, req.user);
      return reply.code(204).send(null);
    },
  });
}
