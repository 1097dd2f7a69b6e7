#!/usr/bin/env node
// axe-landing.js DIR SCREENSHOT.png
//
// Opens DIR/index.html from file:// in Debian's headless Chromium (the same
// browser Ace uses: tests/e2e/chromium-headless, via Puppeteer from
// tests/node_modules) with JavaScript left on only for axe itself, injects
// axe-core (pinned in tests/package-lock.json), runs every WCAG 2.x A/AA
// rule and best practice, prints each violation, saves a full-page
// screenshot, and exits 0 only when there are no violations.  It also
// fails if the page holds a <script> (it must work without one).
'use strict';
const path = require('path');
const fs = require('fs');
const tests = path.join(__dirname, '..');
const puppeteer = require(path.join(tests, 'node_modules', 'puppeteer-core'));
const axePath = require.resolve(path.join(tests, 'node_modules', 'axe-core', 'axe.min.js'));

async function main() {
  const [dir, shot] = process.argv.slice(2);
  if (!dir || !shot) {
    console.error('usage: axe-landing.js DIR SCREENSHOT.png');
    process.exit(2);
  }
  const page = path.resolve(dir, 'index.html');
  if (/<script/i.test(fs.readFileSync(page, 'utf8'))) {
    console.log('VIOLATION index.html has a script; it must work without one');
    process.exit(1);
  }
  const profile = fs.mkdtempSync(path.join(require('os').tmpdir(), 'axe-landing.'));
  const browser = await puppeteer.launch({
    executablePath: path.join(tests, 'e2e', 'chromium-headless'),
    headless: true,
    userDataDir: profile,
    args: ['--allow-file-access-from-files'],
  });
  let failed = 0;
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1000, height: 800 });
    await tab.goto('file://' + page, { waitUntil: 'load' });
    await tab.addScriptTag({ path: axePath });
    const result = await tab.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return { version: axe.version, violations: r.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html) })) };
    });
    for (const v of result.violations) {
      failed++;
      console.log(`VIOLATION ${v.id} (${v.impact}): ${v.help}`);
      for (const html of v.nodes) console.log(`    ${html.slice(0, 200)}`);
    }
    await tab.screenshot({ path: shot, fullPage: true });
    console.log(`axe-landing: axe-core ${result.version} on ${page}: ${failed} violation(s); screenshot ${shot}`);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch(e => { console.error(`axe-landing: ${e.stack || e}`); process.exit(2); });
