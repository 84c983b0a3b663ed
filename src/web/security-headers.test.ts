import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { securityHeaders } from './security-headers.js';

/** What helmet's own middleware writes on a real Node response for `options`. */
function helmetOnARealResponse(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  helmet(options)(req, res, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
}

describe('security headers computed once', () => {
  it('are exactly what helmet writes on a response, HSTS included or not', () => {
    for (const hsts of [true, false]) {
      const options = {
        contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'https://tiles.example'] } },
        frameguard: { action: 'deny' as const },
        hsts,
      };
      expect(securityHeaders(options)).toEqual(helmetOnARealResponse(options));
    }
  });
});

describe('every answer carries them', () => {
  let plain: TestApp;
  let secure: TestApp;
  beforeAll(async () => {
    plain = await startTestApp();
    secure = await startTestApp({ secureCookies: true });
  });
  afterAll(async () => {
    await plain?.close();
    await secure?.close();
  });

  it('a page, a probe, a 404 and a refused API call alike', async () => {
    const answers = await Promise.all([
      plain.app.inject('/'),
      plain.app.inject('/healthz'),
      plain.app.inject('/no-such-page'),
      plain.app.inject({ method: 'POST', url: '/api/v1/venues', payload: {} }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 404, 400]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('HSTS and upgrade-insecure-requests only when the site is served over HTTPS', async () => {
    const answer = await secure.app.inject('/healthz');
    expect(answer.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(answer.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect((await plain.app.inject('/healthz')).headers['content-security-policy']).not.toContain(
      'upgrade-insecure-requests',
    );
  });
});
