import fs from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { audit, launchChromium, newContext } from './browser.js';
import { startServer, tempDataDir, type RunningServer } from './server.js';

/**
 * A browser test's walk through the real, built server: the server on a data directory of its
 * own, Debian's Chromium, and every page on the way audited with axe-core and remembered (so a
 * test can check at the end that the walk went where it should).
 */
export interface Walk {
  server: RunningServer;
  dataDir: string;
  /** Every page audited, as path + query, in order. */
  audited: string[];
  page(options: BrowserContextOptions): Promise<Page>;
  audit(page: Page): Promise<void>;
  /** Opens a path, expects a 200 and audits the page. */
  visit(page: Page, path: string): Promise<void>;
  /** Clicks a form's button (a locator, or a button's exact name), waits for the page it leads to, audits it. */
  submit(page: Page, button: Locator | string, to: RegExp): Promise<void>;
  /** A JSON API call that must succeed; returns the parsed body. */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  /** Closes the browser, stops the server (which must exit cleanly) and removes its data. */
  close(): Promise<void>;
}

export async function startWalk(label: string, env: Record<string, string>): Promise<Walk> {
  const dataDir = tempDataDir(label);
  const server = await startServer({ ESSAIM_DATA_DIR: dataDir, ...env });
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const audited: string[] = [];
  const walk: Walk = {
    server,
    dataDir,
    audited,
    async page(options) {
      return (await newContext(browser, contexts, options)).newPage();
    },
    async audit(page) {
      audited.push(await audit(page));
    },
    async visit(page, path) {
      const res = await page.goto(new URL(path, server.url).toString(), { waitUntil: 'load' });
      expect(res?.status(), `GET ${path}`).toBe(200);
      await walk.audit(page);
    },
    async submit(page, button, to) {
      const target = typeof button === 'string' ? page.getByRole('button', { name: button, exact: true }) : button;
      await Promise.all([page.waitForURL(to, { waitUntil: 'load' }), target.click()]);
      await walk.audit(page);
    },
    async api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
      const res = await fetch(new URL(path, server.url), {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
      return (text ? JSON.parse(text) : {}) as T;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      const code = await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      expect(code, server.output()).toBe(0);
    },
  };
  return walk;
}
