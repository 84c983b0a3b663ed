/** How many messages a member may send through contact forms: enough to reach a few people, too few to spam. */
export const CONTACT_LIMITS = { hour: 5, day: 20 } as const;

/** How long someone who received a message may answer through the site, whether or not the sender is listed. */
export const REPLY_DAYS = 30;

export interface ContactFacts {
  self: boolean;
  senderVerified: boolean;
  /** The recipient's profile is visible to the sender (the directory's rule). */
  visible: boolean;
  contactable: boolean;
  /** The recipient wrote to the sender within REPLY_DAYS: this is an answer. */
  answering: boolean;
  /** The recipient blocked the sender. */
  blocked: boolean;
}

export type ContactRefusal = 'self' | 'unverified' | 'hidden' | 'optedOut' | null;

/**
 * Whether a signed-in member may write to another, the one rule for the API and the form. A
 * block reads as an opt-out, so the blocked member cannot tell they were blocked; an answer to a
 * message received is allowed even to a sender who is not listed (their address stays hidden).
 */
export function contactRefusal(f: ContactFacts): ContactRefusal {
  if (f.self) return 'self';
  if (f.senderVerified === false) return 'unverified';
  if (f.blocked) return 'optedOut';
  if (f.answering) return null;
  if (!f.visible) return 'hidden';
  if (!f.contactable) return 'optedOut';
  return null;
}
