#!/usr/bin/env node
// web-edition.js MODE ARGS...: the web edition (dist/SLUG/) in Debian's
// headless Chromium through Puppeteer (tests/node_modules), as the landing
// page is tested (tests/records/axe-landing.js).  One mode per ctest test:
//
//   axe DIR           axe-core on every page, light and dark: 0 violations
//   vnu DIR           the Nu HTML Checker on every page: 0 errors
//   keyboard DIR SHOTS  keyboard only: skip link, contents, a glossary
//                     pop-up opened with Enter and closed with Esc (focus
//                     back on the term), then search and reach a result;
//                     saves SHOTS/web-popup.png and SHOTS/web-search.png
//   nojs DIR          JavaScript off: every page reads, every glossary link
//                     leads to its entry
//   file DIR          file:// without --allow-file-access-from-files: every
//                     page, its style and images load; search finds a term
//   offline BINDERY BOOK WORK  served on localhost: load once, wait for the
//                     service worker, stop the server, reload and reach
//                     another article from the worker; then a changed book
//                     replaces the cached one
//   print DIR WORK    one article printed to PDF (pdftotext): its text, its
//                     link addresses, and no navigation chrome
//
// DIR is the output folder with one book.  Exits 0 when everything holds.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const http = require('http');
const { execFileSync } = require('child_process');
const tests = path.join(__dirname, '..');
const puppeteer = require(path.join(tests, 'node_modules', 'puppeteer-core'));

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

// Every web edition in an output folder (the folders with a sw.js): the
// book's own and one per hospital edition (SLUG--ID).
function webDirs(dist) {
  const found = fs.readdirSync(dist).filter(n => fs.existsSync(path.join(dist, n, 'sw.js'))).sort();
  if (!found.length) throw new Error(`no web edition in ${dist}`);
  return found.map(n => path.join(dist, n));
}

// The book's own web edition: the one that is not an edition's.
function webDir(dist) {
  const found = webDirs(dist).map(d => path.basename(d)).filter(n => !n.includes('--'));
  if (found.length !== 1) throw new Error(`expected one book's web edition in ${dist}, found ${found}`);
  return path.join(dist, found[0]);
}

function pages(web) {
  const text = fs.readdirSync(path.join(web, 'text')).filter(n => n.endsWith('.html')).map(n => 'text/' + n);
  return ['index.html', 'contents.html', 'glossary.html', 'search.html', ...text.sort()];
}

// A glossary term the book marks, and the article that marks it first.
function aTerm(web) {
  for (const p of pages(web).filter(n => n.startsWith('text/'))) {
    const m = /<a id="use_[^"]*" href="[^"]*" class="glossref"[^>]*>([^<]+)<\/a>/.exec(fs.readFileSync(path.join(web, p), 'utf8'));
    if (m) return { page: p, word: m[1] };
  }
  throw new Error('no glossary term in the book');
}

async function launch(args = []) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'web-edition.'));
  const browser = await puppeteer.launch({
    executablePath: path.join(tests, 'e2e', 'chromium-headless'),
    headless: true,
    userDataDir: profile,
    args,
  });
  const close = async () => {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { browser, close };
}

const url = (web, p) => 'file://' + path.join(web, p);

async function axeMode(dist) {
  for (const web of webDirs(dist)) await axeWeb(web);
}

async function axeWeb(web) {
  const axePath = require.resolve(path.join(tests, 'node_modules', 'axe-core', 'axe.min.js'));
  const { browser, close } = await launch();
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1000, height: 800 });
    for (const dark of [false, true]) {
      for (const p of pages(web)) {
        await tab.goto(url(web, p), { waitUntil: 'load' });
        // The same setting a reader's "Dark mode" button stores.
        await tab.evaluate(d => { localStorage.setItem('bindery-dark', d ? '1' : '0'); }, dark);
        await tab.reload({ waitUntil: 'load' });
        const isDark = await tab.evaluate(() => document.documentElement.classList.contains('dark'));
        await tab.addScriptTag({ path: axePath });
        const violations = await tab.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map(n => n.html.slice(0, 160)).join('\n    ')}`);
        });
        check(isDark === dark && violations.length === 0,
          `axe ${dark ? 'dark' : 'light'} ${path.basename(web)}/${p}: ${violations.length} violation(s)${violations.length ? '\n  ' + violations.join('\n  ') : ''}`);
      }
    }
  } finally {
    await close();
  }
}

function vnuMode(dist) {
  const jar = require(path.join(tests, 'node_modules', 'vnu-jar'));
  const files = webDirs(dist).flatMap(web => pages(web).map(p => path.join(web, p)));
  let out = '';
  let ok = true;
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'gnu', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    ok = false;
    out = (e.stdout || '') + (e.stderr || '');
  }
  check(ok, `vnu: ${files.length} pages, ${ok ? 'no errors' : 'errors:\n' + out}`);
}

// Presses Tab until pred(activeElement) holds; false after max presses.
async function tabTo(tab, pred, max = 80) {
  for (let i = 0; i < max; i++) {
    await tab.keyboard.press('Tab');
    if (await tab.evaluate(pred)) return true;
  }
  return false;
}

async function keyboardMode(dist, shots) {
  const web = webDir(dist);
  const term = aTerm(web);
  const { browser, close } = await launch();
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 900, height: 900 });
    // Skip link, then the contents, then an article.
    await tab.goto(url(web, 'index.html'), { waitUntil: 'load' });
    await tab.keyboard.press('Tab');
    check(await tab.evaluate(() => document.activeElement.classList.contains('skip')), 'the first Tab reaches the skip link');
    await tab.keyboard.press('Enter');
    check(await tab.evaluate(() => document.activeElement.id === 'main'), 'Enter on the skip link moves focus to the main content');
    await tab.goto(url(web, 'index.html'), { waitUntil: 'load' });
    check(await tabTo(tab, () => /contents\.html$/.test(document.activeElement.getAttribute('href') || '')), 'Tab reaches Contents');
    await Promise.all([tab.waitForNavigation(), tab.keyboard.press('Enter')]);
    check(tab.url().endsWith('/contents.html'), 'Enter opens the contents');
    check(await tabTo(tab, () => !!document.activeElement.closest('nav.toc') && /text\//.test(document.activeElement.getAttribute('href'))),
      'Tab reaches an article in the contents');
    await Promise.all([tab.waitForNavigation(), tab.keyboard.press('Enter')]);
    check(/\/text\/[^/]+\.html$/.test(tab.url()), `Enter opens an article (${path.basename(tab.url())})`);

    // A glossary pop-up: Enter opens it, Esc closes it, focus goes back.
    await tab.goto(url(web, term.page), { waitUntil: 'load' });
    check(await tabTo(tab, () => document.activeElement.classList.contains('glossref'), 200), `Tab reaches a glossary term in ${term.page}`);
    const word = await tab.evaluate(() => document.activeElement.textContent);
    await tab.keyboard.press('Enter');
    const open = await tab.evaluate(() => {
      const d = document.querySelector('dialog[open]');
      return d && { focusInside: d.contains(document.activeElement), text: d.innerText, modal: d.matches(':modal') };
    });
    check(open && open.focusInside && open.modal && open.text.length > 20,
      `Enter on "${word}" opens its definition in a modal pop-up with the focus inside (${open && open.text.slice(0, 60)})`);
    if (shots) await tab.screenshot({ path: path.join(shots, 'web-popup.png') });
    await tab.keyboard.press('Escape');
    const back = await tab.evaluate(() => ({
      closed: !document.querySelector('dialog[open]'),
      onTerm: document.activeElement.classList.contains('glossref'),
      text: document.activeElement.textContent,
    }));
    check(back.closed && back.onTerm && back.text === word, 'Esc closes the pop-up and the focus returns to the term');

    // Search: the nav link, the field, a result.
    check(await tabTo(tab, () => /search\.html$/.test(document.activeElement.getAttribute('href') || ''), 200), 'Tab reaches Search');
    await Promise.all([tab.waitForNavigation(), tab.keyboard.press('Enter')]);
    check(await tabTo(tab, () => document.activeElement.id === 'q'), 'Tab reaches the search field');
    await tab.keyboard.type(term.word);
    await tab.keyboard.press('Enter');
    await tab.waitForFunction(() => document.getElementById('bd-status').textContent.length > 0);
    const status = await tab.evaluate(() => document.getElementById('bd-status').textContent);
    const n = await tab.evaluate(() => document.querySelectorAll('#bd-results a').length);
    check(n > 0, `searching for "${term.word}": ${status}`);
    if (shots) await tab.screenshot({ path: path.join(shots, 'web-search.png') });
    check(await tabTo(tab, () => !!document.activeElement.closest('#bd-results')), 'Tab reaches the first result');
    await Promise.all([tab.waitForNavigation(), tab.keyboard.press('Enter')]);
    const found = await tab.evaluate(w => document.querySelector('main').innerText.toLowerCase().includes(w.toLowerCase()), term.word);
    check(/\/text\//.test(tab.url()) && found, `Enter opens the result, which holds the term (${path.basename(tab.url())})`);
  } finally {
    await close();
  }
}

async function nojsMode(dist) {
  const web = webDir(dist);
  const { browser, close } = await launch();
  try {
    const tab = await browser.newPage();
    await tab.setJavaScriptEnabled(false);
    const glossary = fs.readFileSync(path.join(web, 'glossary.html'), 'utf8');
    let links = 0, broken = [];
    for (const p of pages(web)) {
      const res = await tab.goto(url(web, p), { waitUntil: 'load' });
      const page = await tab.evaluate(() => ({
        main: document.querySelector('main').innerText.trim().length,
        h1: !!document.querySelector('main h1'),
        settings: document.getElementById('bd-settings').offsetParent !== null,
        terms: [...document.querySelectorAll('a.glossref')].map(a => a.getAttribute('href')),
      }));
      check(res.ok() && page.main > 40 && page.h1 && !page.settings,
        `without JavaScript ${p} reads (${page.main} characters, a heading, no dead buttons)`);
      for (const href of page.terms) {
        links++;
        const id = href.split('#')[1];
        if (!href.split('#')[0].endsWith('glossary.html') || !glossary.includes(`<dt id="${id}">`)) broken.push(`${p}: ${href}`);
      }
    }
    check(links > 0 && broken.length === 0, `${links} glossary links lead to their entries${broken.length ? ': broken ' + broken.join(', ') : ''}`);
    // And following one lands on the entry, not in a pop-up.
    const term = aTerm(web);
    await tab.goto(url(web, term.page), { waitUntil: 'load' });
    await Promise.all([tab.waitForNavigation(), tab.click('a.glossref')]);
    const at = await tab.evaluate(() => {
      const t = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      return t && t.tagName + ' ' + t.innerText;
    });
    check(/glossary\.html#gl-/.test(tab.url()) && at && at.startsWith('DT'), `a term link opens the glossary at its entry (${at})`);
  } finally {
    await close();
  }
}

async function fileMode(dist) {
  const web = webDir(dist);
  const term = aTerm(web);
  // No --allow-file-access-from-files: what a reader's browser does.
  const { browser, close } = await launch();
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', e => errors.push(String(e)));
    tab.on('requestfailed', r => errors.push(`${r.url()}: ${r.failure().errorText}`));
    for (const p of pages(web)) {
      errors.length = 0;
      await tab.goto(url(web, p), { waitUntil: 'load' });
      const got = await tab.evaluate(() => ({
        styled: getComputedStyle(document.querySelector('.bar')).borderBottomStyle === 'solid',
        images: [...document.images].every(i => i.complete && i.naturalWidth > 0),
        js: !document.getElementById('bd-settings').hidden,
      }));
      check(got.styled && got.images && got.js && errors.length === 0,
        `file:// ${p}: style, images and script load${errors.length ? ' (' + errors.join('; ') + ')' : ''}`);
    }
    await tab.goto(url(web, 'search.html') + '?q=' + encodeURIComponent(term.word), { waitUntil: 'load' });
    await tab.waitForFunction(() => document.getElementById('bd-status').textContent.length > 0);
    const n = await tab.evaluate(() => document.querySelectorAll('#bd-results a').length);
    check(n > 0, `file:// search for "${term.word}" finds ${n} result(s)`);
  } finally {
    await close();
  }
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg' };

// A static server for root on port (0: any); resolves to { port, stop }.
function serve(root, port) {
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(fs.readFileSync(file));
  });
  server.on('connection', s => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      port: server.address().port,
      stop: () => new Promise(r => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
    }));
  });
}

function build(bindery, book, dist) {
  execFileSync(bindery, ['build', book, '-o', dist, '--quiet'], { stdio: 'inherit', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
}

async function offlineMode(bindery, bookDir, work) {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  // A copy of the book (its stylesheet is found beside it, ../styles), so it can change.
  const copy = path.join(work, 'book');
  fs.cpSync(bookDir, copy, { recursive: true });
  if (fs.existsSync(path.join(bookDir, '..', 'styles'))) fs.cpSync(path.join(bookDir, '..', 'styles'), path.join(work, 'styles'), { recursive: true });
  const dist = path.join(work, 'dist');
  build(bindery, copy, dist);
  const web = webDir(dist), slug = path.basename(web);
  const articles = pages(web).filter(p => p.startsWith('text/'));
  const cacheName = () => /var PREFIX = '([^']*)';\s*var CACHE = PREFIX \+ '([^']*)'/.exec(fs.readFileSync(path.join(web, 'sw.js'), 'utf8')).slice(1).join('');

  let server = await serve(dist, 0);
  const port = server.port, base = `http://localhost:${port}/${slug}/`;
  const { browser, close } = await launch();
  try {
    const tab = await browser.newPage();
    await tab.goto(base + articles[0], { waitUntil: 'load' });
    await tab.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, { timeout: 30000 });
    const first = cacheName();
    check(await tab.evaluate(n => caches.has(n), first), `the service worker cached the book as ${first}`);
    await server.stop();
    check(await fetch(base + 'index.html').then(() => false, () => true), 'the server is stopped');
    const again = await tab.reload({ waitUntil: 'load' });
    check(again && again.ok() && again.fromServiceWorker(), 'offline, the page reloads from the service worker');
    const other = await tab.goto(base + articles[articles.length - 1], { waitUntil: 'load' });
    const text = await tab.evaluate(() => document.querySelector('main h1').textContent);
    check(other && other.ok() && other.fromServiceWorker() && text.length > 0,
      `offline, another article (${articles[articles.length - 1]}: "${text}") comes from the service worker`);

    // A new edition: changed text, a new cache name; the old cache goes.
    const victim = fs.readdirSync(path.join(copy, 'articles')).sort()[0];
    const vpath = path.join(copy, 'articles', victim);
    const marker = 'Zebrafinch';
    fs.writeFileSync(vpath, fs.readFileSync(vpath, 'utf8').replace(/<p>/, `<p>${marker} `));
    build(bindery, copy, dist);
    const second = cacheName();
    check(second !== first, `the changed book has a new cache name (${second})`);
    server = await serve(dist, port);
    await tab.goto(base + 'index.html', { waitUntil: 'load' });
    await tab.waitForFunction(async (a, b) => (await caches.has(b)) && !(await caches.has(a)), { timeout: 30000, polling: 250 }, first, second);
    check(true, 'the new service worker replaced the old cache with the new one');
    await server.stop();
    const page = 'text/' + victim.replace(/\.xml$/, '.html');
    const fresh = await tab.goto(base + page, { waitUntil: 'load' });
    const has = await tab.evaluate(m => document.querySelector('main').innerText.includes(m), marker);
    check(fresh && fresh.fromServiceWorker() && has, `offline, ${page} shows the changed text from the new cache`);
  } finally {
    await close();
    await server.stop().catch(() => {});
  }
}

async function printMode(dist, work) {
  const web = webDir(dist);
  fs.mkdirSync(work, { recursive: true });
  // An article with a link to the web, to see its address printed.
  const withLink = pages(web).filter(p => p.startsWith('text/'))
    .find(p => /class="external"/.test(fs.readFileSync(path.join(web, p), 'utf8')));
  const html = fs.readFileSync(path.join(web, withLink), 'utf8');
  const href = /<a href="(https?:[^"]+)" class="external"/.exec(html)[1];
  const { browser, close } = await launch();
  try {
    const tab = await browser.newPage();
    await tab.goto(url(web, withLink), { waitUntil: 'load' });
    const facts = await tab.evaluate(() => ({
      title: document.querySelector('main h1').textContent,
      para: document.querySelector('main p:not(.updated)').textContent.trim().split(/\s+/).slice(0, 6).join(' '),
    }));
    const pdf = path.join(work, 'article.pdf');
    await tab.pdf({ path: pdf, format: 'A4', printBackground: false });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    check(text.includes(facts.title), `the PDF of ${withLink} has its title "${facts.title}"`);
    check(text.includes(facts.para), `the PDF has its text ("${facts.para}...")`);
    const host = new URL(href).host;
    check(text.includes(host), `the PDF shows the link address (${host})`);
    for (const chrome of ['Skip to content', 'Display settings', 'Text size', 'Dark mode', 'Previous: ', 'Next: '])
      check(!text.includes(chrome), `the PDF has no "${chrome.trim()}"`);
    const nav = await tab.evaluate(() => document.querySelector('header nav').innerText.split('\n').filter(Boolean));
    check(!text.includes(nav.join(' ')), 'the PDF has no navigation bar');
  } finally {
    await close();
  }
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  const modes = {
    axe: () => axeMode(args[0]),
    vnu: () => vnuMode(args[0]),
    keyboard: () => keyboardMode(args[0], args[1]),
    nojs: () => nojsMode(args[0]),
    file: () => fileMode(args[0]),
    offline: () => offlineMode(path.resolve(args[0]), path.resolve(args[1]), path.resolve(args[2])),
    print: () => printMode(args[0], args[1]),
  };
  if (!modes[mode] || !args[0]) {
    console.error('usage: web-edition.js axe|vnu|keyboard|nojs|file|print DIR [SHOTS|WORK] | offline BINDERY BOOK WORK');
    process.exit(2);
  }
  await modes[mode]();
  console.log(`web-edition ${mode}: ${failures ? failures + ' failure(s)' : 'all good'}`);
  process.exit(failures ? 1 : 0);
}

main().catch(e => { console.error(`web-edition: ${e.stack || e}`); process.exit(2); });
