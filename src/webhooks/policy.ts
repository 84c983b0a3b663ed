import { type Actor, authorize, isAdmin } from '../web/policy.js';

/** Who may do what to webhooks, asked by the API routes and the pages alike. */
export const webhookPolicy = {
  /** Endpoints receive every event and registration of the network: its admins only. */
  manage: (actor: Actor): boolean => isAdmin(actor),
};

/** 401 / 403 unless the actor manages the network's webhooks. */
export function authorizeWebhooks(actor: Actor): void {
  authorize(actor, webhookPolicy.manage(actor), 'manage webhooks');
}
