import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The opt-out link's token: the member's id and an HMAC of it keyed with the install's
 * unsubscribe secret (the one organiser notices use), under a purpose of its own so a notice's
 * token cannot be replayed here. Not guessable, and it needs no table.
 */
const mac = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(`invitations-opt-out:${userId}`).digest('base64url');

export function optOutToken(secret: string, userId: string): string {
  return `${userId}.${mac(secret, userId)}`;
}

/** The member's id, or undefined for a token this install did not sign. */
export function readOptOutToken(secret: string, token: string): string | undefined {
  const [userId, given, extra] = token.split('.');
  if (!userId || !given || extra !== undefined || !/^[0-9a-f-]{36}$/i.test(userId)) return undefined;
  const expected = mac(secret, userId);
  if (expected.length !== given.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return undefined;
  return userId;
}

export const optOutUrl = (baseUrl: string, token: string) => `${baseUrl}/invitations/opt-out/${token}`;
