// SPDX-License-Identifier: GPL-3.0-or-later
// Debian's chromium driven by playwright-core: headless, a fresh profile each run, nothing
// downloaded. Screenshots go to the test's artefact folder; axe-core is injected from
// node_modules and its serious and critical violations fail the test.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const kChromium = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
export const kModules = join(here, '..', 'node_modules');

export async function launch(artifacts) {
  const { chromium } = await import(join(kModules, 'playwright-core', 'index.mjs'));
  const profile = mkdtempSync(join(tmpdir(), 'portier-chromium.'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: kChromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? await context.newPage();
  const console_lines = [];
  page.on('console', (m) => console_lines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console_lines.push(`pageerror: ${e.message}`));
  // Only this run's screenshots: an old failure.png must not be mistaken for a new one.
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  let step = 0;
  return {
    page,
    console_lines,
    async shot(name) {
      step++;
      const file = join(artifacts, `${String(step).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Runs axe-core on the page; returns the serious and critical violations as lines.
export async function axe_violations(page) {
  await page.addScriptTag({ path: join(kModules, 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
               .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.join('; ')})`);
}
