import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource = (require('axe-core') as { source: string }).source;

declare const axe: { run: () => Promise<{ violations: AxeViolation[] }> };
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, driven by playwright-core (browser downloads do not work here). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/test-deps.sh (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function newContext(
  browser: Browser,
  contexts: BrowserContext[],
  options: BrowserContextOptions,
): Promise<BrowserContext> {
  // The pages' Content-Security-Policy forbids inline scripts, and axe is injected as one.
  const context = await browser.newContext({ bypassCSP: true, ...options });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  return context;
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, and on
 * duplicate ids (a <label for> then names only the first of two controls; axe does not check it).
 * Returns the path audited.
 */
export async function audit(page: Page): Promise<string> {
  const where = new URL(page.url()).pathname + new URL(page.url()).search;
  await page.addScriptTag({ content: axeSource });
  const { violations } = await page.evaluate(() => axe.run());
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = grave
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`,
    )
    .join('\n');
  expect(grave, `axe on ${where}:\n${report}`).toEqual([]);
  const duplicateIds = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll('[id]'))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  expect(duplicateIds, `duplicate ids on ${where}`).toEqual([]);
  return where;
}
