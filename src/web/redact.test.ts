import { expect, it } from 'vitest';
import { redactSecrets } from './redact.js';

it('keeps secret links out of the logs', () => {
  expect(redactSecrets('/calendar/personal/abc123.ics')).toBe('/calendar/personal/[secret]');
  expect(redactSecrets('/r/7rPczL09HPha6UDqyb/cancel')).toBe('/r/[secret]/cancel');
  expect(redactSecrets('/login/link/tok_en')).toBe('/login/link/[secret]');
  expect(redactSecrets('/login/reset/tok_en')).toBe('/login/reset/[secret]');
  expect(redactSecrets('/verify/tok_en')).toBe('/verify/[secret]');
  expect(redactSecrets('/invitations/opt-out/0b6c5a52-3c1e-4c8e-9f6e-1d2a3b4c5d6e.mAc-_x')).toBe(
    '/invitations/opt-out/[secret]',
  );
  expect(redactSecrets('/invitations/opt-out/0b6c5a52.mAc?lang=en')).toBe('/invitations/opt-out/[secret]?lang=en');
  expect(redactSecrets('/api/v1/registrations/1/cancel?secret=s3cr3t&x=1')).toBe(
    '/api/v1/registrations/1/cancel?secret=[secret]&x=1',
  );
  expect(redactSecrets('/events/42?lang=fr')).toBe('/events/42?lang=fr');
});
