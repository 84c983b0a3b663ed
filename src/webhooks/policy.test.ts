import { describe, expect, it } from 'vitest';
import type { User } from '../accounts/service.js';
import { AppError } from '../web/errors.js';
import { authorizeWebhooks, webhookPolicy } from './policy.js';

const person = (role: 'admin' | 'member') => ({ id: 'u', role }) as User;
const refusal = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'allowed';
};

describe('webhookPolicy', () => {
  it('allows the network admins only, 401 to visitors and 403 to members, through one rule', () => {
    expect(webhookPolicy.manage(person('admin'))).toBe(true);
    expect(webhookPolicy.manage(person('member'))).toBe(false);
    expect(webhookPolicy.manage(null)).toBe(false);
    expect(refusal(() => authorizeWebhooks(person('admin')))).toBe('allowed');
    expect(refusal(() => authorizeWebhooks(person('member')))).toBe('forbidden');
    expect(refusal(() => authorizeWebhooks(null))).toBe('unauthenticated');
  });
});
