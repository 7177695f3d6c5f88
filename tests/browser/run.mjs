// Browser test: start the real server on a loopback port with the demo
// municipality, log in with Debian's chromium, check the start page on a
// phone and a desktop with axe-core (WCAG 2.1 AA), switch language, log out.
// Prints TAP. Stops the server itself.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.ORDEN_BIN || join(here, '../../build/asan/orden');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'demo-passord-2026';

let n = 0, failed = 0;
function ok(cond, name, detail) {
  n++;
  if (cond) console.log(`ok ${n} - ${name}`);
  else { failed++; console.log(`not ok ${n} - ${name}`); if (detail) console.log('# ' + String(detail).split('\n').join('\n# ')); }
}

const dir = mkdtempSync(join(tmpdir(), 'orden-browser-'));
const db = join(dir, 'orden.db');
const env = { ...process.env, ORDEN_TEST_FAST_HASH: '1' };
const demo = spawnSync(bin, ['demo', '--db', db], { env, encoding: 'utf8' });
if (demo.status !== 0) { console.log('not ok 1 - demo failed\n# ' + demo.stderr); process.exit(1); }
const portFile = join(dir, 'port');
const server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile],
  { env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', d => { serverLog += d; });
const killer = setTimeout(() => { server.kill('SIGKILL'); process.exit(2); }, 120000);

async function waitPort() {
  for (let i = 0; i < 400; i++) {
    if (existsSync(portFile)) { const p = parseInt(readFileSync(portFile, 'utf8'), 10); if (p > 0) return p; }
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('server did not start:\n' + serverLog);
}

async function axe(page, label) {
  // Evaluated through the DevTools protocol, so the page's strict CSP stays on.
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  const v = res.violations.map(x => `${x.id}: ${x.help} (${x.nodes.map(n => n.target.join(' ')).join(', ')})`);
  ok(v.length === 0, `axe: no violations on ${label}`, v.join('\n'));
}

let browser;
try {
  const port = await waitPort();
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Pages must work without JavaScript: the "no-js" run logs in and out with
  // it turned off. axe itself needs JavaScript, so it runs in the other two.
  for (const [label, viewport, js] of [['no-js', { width: 360, height: 740 }, false],
    ['phone', { width: 360, height: 740 }, true], ['desktop', { width: 1280, height: 900 }, true]]) {
    const context = await browser.newContext({ viewport, javaScriptEnabled: js });
    const page = await context.newPage();
    const cspErrors = [];
    page.on('console', m => { if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text()); });

    await page.goto(base + '/');
    ok(page.url().includes('/login'), `${label}: anonymous visitor is sent to the login page`);
    ok((await page.getAttribute('html', 'lang')) === 'nb', `${label}: the page is in Norwegian bokmål`);
    if (label === 'phone') await axe(page, 'login page (phone)');
    if (label === 'desktop') await axe(page, 'login page');

    await page.getByLabel(/Brukernavn/i).fill('admin');
    await page.getByLabel(/Passord/i).fill(PASSWORD);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /Logg inn/i }).click()]);
    ok(!page.url().includes('/login'), `${label}: logging in leads to the start page`, page.url());
    const h1 = await page.locator('h1').first().textContent();
    ok(h1 && h1.trim().length > 0, `${label}: the start page has a heading`, h1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    ok(overflow <= 0, `${label}: no horizontal scrolling`, `overflow ${overflow}px`);
    if (js) await axe(page, `start page (${label})`);

    if (label === 'desktop') {
      await page.goto(base + '/admin/units');
      ok((await page.locator('h1').first().textContent()).length > 0, 'admin sees the units page');
      await axe(page, 'units page');
      await page.goto(base + '/admin/people');
      await axe(page, 'people page');
      // Language switch, then back.
      await page.goto(base + '/');
      await page.getByRole('link', { name: /English/ }).click();
      ok((await page.getAttribute('html', 'lang')) === 'en', 'English can be chosen');
      await page.getByRole('link', { name: /[Bb]okmål|Norsk/ }).first().click();
      ok((await page.getAttribute('html', 'lang')) === 'nb', 'and bokmål again');
    }
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /Logg ut/i }).click()]);
    ok(page.url().includes('/login'), `${label}: logging out returns to the login page`, page.url());
    ok(cspErrors.length === 0, `${label}: no content-security-policy violations`, cspErrors.join('\n'));
    await context.close();
  }
} catch (e) {
  ok(false, 'browser test ran to the end', e.stack);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  await new Promise(r => server.once('exit', r));
  clearTimeout(killer);
  rmSync(dir, { recursive: true, force: true });
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}
