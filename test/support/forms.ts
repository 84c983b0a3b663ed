import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

type Form = Record<string, string | string[]>;
let browsers = 0;

/**
 * A browser over app.inject: a cookie jar, form posts, and an address of its own (sign-in is
 * rate limited per address, so each session gets one).
 */
export class FormSession {
  readonly cookies = new Map<string, string>();
  readonly remoteAddress =
    `10.${Math.floor(++browsers / 62_500) % 250}.${Math.floor(browsers / 250) % 250}.${(browsers % 250) + 1}`;

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = { 'accept-language': 'en' },
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    form?: Form,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // Repeated fields (a multiple select) are sent as repeated keys, as a browser does.
    const payload = form
      ? new URLSearchParams(
          Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
        ).toString()
      : body;
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        ...this.headers,
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(payload !== undefined ? { payload } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired =
        c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** A GET, following one permanent redirect (a page that moved) as a browser does; a second one is returned. */
  async get(url: string, headers?: Record<string, string>) {
    const res = await this.request('GET', url, undefined, headers);
    if (res.statusCode !== 301) return res;
    return this.request('GET', res.headers.location as string, undefined, headers);
  }

  /** Posts a multipart form with one file (an <input type="file">), as a browser does. */
  upload(
    action: string,
    form: Record<string, string>,
    file: { field: string; filename: string; content: Uint8Array | string; type?: string },
  ) {
    const boundary = `----essaim${Math.random().toString(16).slice(2)}`;
    const part = (head: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n`);
    const body = Buffer.concat([
      ...Object.entries(form).flatMap(([k, v]) => [part(`name="${k}"\r\n`), Buffer.from(`${v}\r\n`)]),
      part(`name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n`),
      Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request(
      'POST',
      action,
      undefined,
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    );
  }

  /** GETs the page the form lives on, then posts the form with the page's CSRF token. */
  async submit(pageUrl: string, action: string, form: Form) {
    const page = await this.get(pageUrl);
    expect(page.statusCode, page.body).toBe(200);
    return this.request('POST', action, { _csrf: csrfOf(page.body), ...form });
  }
}

export function csrfOf(html: string): string {
  const m = /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field on the page');
  return m[1]!;
}

/** A session signed in through the login form. */
export async function signIn(
  app: FastifyInstance,
  who: { email: string; password: string },
  headers?: Record<string, string>,
): Promise<FormSession> {
  const b = new FormSession(app, headers);
  const res = await b.submit('/login', '/login', { email: who.email, password: who.password, next: '/admin' });
  expect(res.statusCode, res.body).toBe(303);
  expect(b.cookies.has('essaim_session')).toBe(true);
  return b;
}
