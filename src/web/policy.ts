import type { User } from '../accounts/service.js';
import { AppError } from './errors.js';
import { currentLocale, msg, render, translator, type Msg } from './i18n.js';
import { actionKey } from './i18n/actions.js';

export type Actor = User | null;

export const isAdmin = (actor: Actor): boolean => actor?.role === 'admin';

/**
 * The words of a 403, the same through the API (problem detail) and on a form, in the reader's
 * language. English keeps the exact action named by the caller ("edit the chapter Namur").
 */
const actionMessage = (action: string): Msg | undefined => {
  const key = actionKey(action);
  return key ? msg(key) : undefined;
};

export function refusal(action: string): Msg {
  const known = actionMessage(action);
  return known ? msg('error.refused', { action: known }) : msg('error.refusedGeneric');
}

/** The refusal as a form shows it, in the language of the request. */
export const refusalText = (action: string): string => render(translator(currentLocale()), refusal(action));

/** 401 when nobody is signed in, 403 when the signed-in person may not do this. */
export function authorize(actor: Actor, allowed: boolean, action: string): asserts actor is User {
  if (!actor) {
    const known = actionMessage(action);
    throw new AppError(
      'unauthenticated',
      known ? msg('error.signInTo', { action: known }) : msg('error.signInGeneric'),
    );
  }
  if (!allowed) throw new AppError('forbidden', refusal(action));
}
