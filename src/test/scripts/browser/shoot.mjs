// Renders report pages in headless Chromium at desktop and phone widths, writes full-page
// screenshots, and exits 1 on any console error, page error or network request (a report must
// be self-contained: the only load allowed is the page file itself).
// Usage: node shoot.mjs OUT_DIR FILE.html...
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node shoot.mjs OUT_DIR FILE.html...');
  process.exit(2);
}
const viewports = [
  { name: 'desktop', width: 1280, height: 900, isMobile: false },
  { name: 'phone', width: 390, height: 844, isMobile: true },
];
const problems = [];
for (const vp of viewports) {
  const profile = mkdtempSync(join(tmpdir(), 'mailblocks-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
    viewport: { width: vp.width, height: vp.height },
    isMobile: vp.isMobile,
    hasTouch: vp.isMobile,
    deviceScaleFactor: 1,
    offline: false,
  });
  try {
    for (const file of files) {
      const url = pathToFileURL(resolve(file)).href;
      const page = await context.newPage();
      const tag = `${basename(file)} @ ${vp.name}`;
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${tag}: console ${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`${tag}: page error: ${e.message}`));
      // every request goes through here: the page itself is the only one allowed
      await page.route('**/*', (route) => {
        const u = route.request().url();
        if (u === url) return route.continue();
        problems.push(`${tag}: network request: ${u}`);
        return route.abort();
      });
      page.on('requestfailed', (r) => { if (r.url() !== url) problems.push(`${tag}: request failed: ${r.url()}`); });
      await page.goto(url, { waitUntil: 'load' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) problems.push(`${tag}: the page is ${overflow}px wider than the screen`);
      const shot = join(outDir, `${basename(file, '.html')}-${vp.name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`${shot}`);
      // the first screen alone, and the page in slices (SLICE=px) for looking at it piece by piece
      await page.screenshot({ path: join(outDir, `${basename(file, '.html')}-${vp.name}-top.png`) });
      if (!vp.isMobile) {
        // as printed: the print style sheet, first page-height of it
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: join(outDir, `${basename(file, '.html')}-print.png`), fullPage: true });
        await page.emulateMedia({ media: 'screen' });
      }
      const slice = Number(process.env.SLICE || 0);
      if (slice > 0) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, n = 1; y < height; y += slice, n++) {
          await page.screenshot({ path: join(outDir, `${basename(file, '.html')}-${vp.name}-${n}.png`), fullPage: true,
            clip: { x: 0, y, width: vp.width, height: Math.min(slice, height - y) } });
        }
      }
      await page.close();
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
for (const p of [...new Set(problems)]) console.error(`FAIL ${p}`);
process.exit(problems.length ? 1 : 0);
