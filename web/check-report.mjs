// Opens an HTML report in headless Chromium (Debian's, driven by playwright-core), waits for its
// charts, saves a full-page screenshot, and prints what it found as one JSON object:
//   {"charts": N, "empty": [ids of chart containers without an <svg> or <canvas>],
//    "errors": [console errors, page errors, requests that left the file], "h1": "...",
//    "injected": true if a script from the scenario's text ran}
// The full-page screenshot goes to SCREENSHOT, and one per <section id="..."> beside it.
// Usage: node check-report.mjs REPORT.html SCREENSHOT.png   (CHROMIUM=path overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';
import path from 'node:path';

const [report, screenshot] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error('usage: node check-report.mjs REPORT.html SCREENSHOT.png');
  process.exit(64);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  page.on('pageerror', (e) => errors.push('page error: ' + String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push('network request: ' + r.url()); });
  await page.goto('file://' + path.resolve(report));
  await page.waitForSelector('body[data-charts-drawn]', { timeout: 120000 });
  const found = await page.evaluate(() => {
    const charts = [...document.querySelectorAll('[data-chart]')];
    return {
      charts: charts.length,
      empty: charts.filter((c) => !c.querySelector('svg, canvas')).map((c) => c.id),
      h1: document.querySelector('h1') ? document.querySelector('h1').textContent : '',
      injected: window.__statecraft_injected === true,
    };
  });
  await page.screenshot({ path: screenshot, fullPage: true });
  // One more per section, readable at full size: SCREENSHOT less .png, then -<section id>.png.
  for (const id of await page.$$eval('section[id]', (ss) => ss.map((s) => s.id))) {
    await page.locator('#' + id).screenshot({ path: screenshot.replace(/\.png$/, '') + '-' + id + '.png' });
  }
  console.log(JSON.stringify({ ...found, errors }));
} finally {
  await browser.close();
}
