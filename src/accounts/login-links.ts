import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import * as q from './queries.js';

type User = q.UserRow;

/** `login` signs in; `verify` confirms the address given at sign-up (and signs in); `reset` chooses a new password. */
export type LinkPurpose = 'login' | 'verify' | 'reset';
const VALID_MS: Record<LinkPurpose, number> = { login: 15 * 60_000, verify: 48 * 3_600_000, reset: 3_600_000 };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new single-use link, written in the caller's transaction (with the mail that carries it); only its SHA-256 is kept. */
export async function issueLink(tx: Tx, network: Network, userId: string, purpose: LinkPurpose): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.insertLoginLink(tx, {
    networkId: network.id,
    userId,
    tokenHash: sha256(token),
    purpose,
    expiresAt: new Date(Date.now() + VALID_MS[purpose]),
  });
  return token;
}

const key = (network: Network, token: string, purpose: LinkPurpose) => ({
  networkId: network.id,
  tokenHash: sha256(token),
  purpose,
  now: new Date(),
});

/** The account a still-valid link would sign in, without using the link (mail scanners follow links). */
export async function peekLoginLink(
  db: Tx,
  network: Network,
  token: string,
  purpose: LinkPurpose = 'login',
): Promise<User | undefined> {
  return q.selectLinkUser(db, key(network, token, purpose));
}

/**
 * Uses the link: one statement, so two clicks at once cannot both sign in. Following a link
 * proves the person reads that mailbox, so an unconfirmed address becomes confirmed either way.
 */
export async function consumeLoginLink(
  db: Tx,
  network: Network,
  token: string,
  purpose: LinkPurpose = 'login',
): Promise<User | undefined> {
  const userId = await q.useLoginLink(db, key(network, token, purpose));
  return userId ? q.markEmailVerified(db, userId) : undefined;
}
