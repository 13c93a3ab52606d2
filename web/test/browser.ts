import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export function webUrl(): string {
  const url = process.env['TEST_WEB_URL'];
  if (!url) throw new Error('TEST_WEB_URL is not set: run the browser tests with `npm test`, which starts the stack and serves the app.');
  return url;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is now: the serious and critical violations, by rule id. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return (await axe.run()).violations;
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/**
 * With WEB_SCREENSHOTS_DIR set (`WEB_SCREENSHOTS_DIR=web/screenshots npm test -- web/test`), saves the page as
 * <dir>/<name>.png: the README's screenshots come from the journeys themselves, never drawn by hand.
 */
export async function capture(page: Page, name: string): Promise<void> {
  const dir = process.env['WEB_SCREENSHOTS_DIR'];
  if (!dir) return;
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true, animations: 'disabled' });
}
