import type { User } from '../accounts/service.js';
import { AppError } from './errors.js';

export type Actor = User | null;

export const isAdmin = (actor: Actor): boolean => actor?.role === 'admin';

/** The words of a 403, the same through the API (problem detail) and on a form. */
export const refusal = (action: string): string => `Your account may not ${action}.`;

/** 401 when nobody is signed in, 403 when the signed-in person may not do this. */
export function authorize(actor: Actor, allowed: boolean, action: string): asserts actor is User {
  if (!actor) throw new AppError('unauthenticated', `Sign in to ${action}.`);
  if (!allowed) throw new AppError('forbidden', refusal(action));
}
