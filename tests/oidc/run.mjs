// OpenID Connect sign-in against a real provider: oidc-provider (pinned in
// package.json) on a loopback port with one client for Orden, and the real
// Orden server with the demo municipality in a temporary directory. The
// browser is played by fetch with a cookie jar for each side.
//
// The bad cases are made by the provider's own middleware, which re-signs
// the ID token of the token endpoint's answer (jose) just before Orden gets
// it: a wrong audience, an expired token, a signature by a key the provider
// does not publish, and a key rotation (the JWKS and the signature switch to
// a new key id together). The provider down is the provider's server
// closed between the sign-in and the callback. Prints TAP.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.ORDEN_BIN || join(here, '../../build/asan/orden');
const DEMO_PASSWORD = 'demo-passord-2026';
const MAIL = '@demokommune.example';

let n = 0, failed = 0;
function ok(cond, name, detail) {
  n++;
  if (cond) console.log(`ok ${n} - ${name}`);
  else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (detail !== undefined) console.log('# ' + String(detail).slice(0, 1500).split('\n').join('\n# '));
  }
  return cond;
}

// --- cookies ------------------------------------------------------------------
class Jar {
  constructor() { this.c = new Map(); }
  take(res) {
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      const gone = value === '' || attrs.some(a => /^\s*max-age=0\s*$/i.test(a));
      if (gone) this.c.delete(name); else this.c.set(name, value);
    }
  }
  header() { return [...this.c].map(([k, v]) => `${k}=${v}`).join('; '); }
  get(name) { return this.c.get(name); }
}

async function req(jar, url, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (jar && jar.c.size) headers.Cookie = jar.header();
  const res = await fetch(url, { ...opts, headers, redirect: 'manual' });
  if (jar) jar.take(res);
  res.text_ = await res.text();
  return res;
}

// RFC 6238 with SHA-1, six digits, 30 s steps, computed here.
function b32decode(s) {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, val = 0;
  const out = [];
  for (const c of s.replace(/=+$/, '')) {
    val = (val << 5) | a.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((val >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}
function totp(key, t = Date.now() / 1000) {
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const h = createHmac('sha1', key).update(c).digest();
  const o = h[19] & 15;
  const v = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(v % 1000000).padStart(6, '0');
}

// --- the provider ---------------------------------------------------------------
const mode = { tamper: null, email: null };
async function rsaKey(kid) {
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return {
    kid, privateKey,
    priv: { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    pub: { ...(await jose.exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}
const k1 = await rsaKey('k1');
const k2 = await rsaKey('k2');		// the key the provider rotates to
const rogue = await rsaKey('k1');	// same kid, a key nobody published

const idpServer = createServer();
await new Promise(r => idpServer.listen(0, '127.0.0.1', r));
const idpPort = idpServer.address().port;
const issuer = `http://127.0.0.1:${idpPort}`;
const CLIENT_SECRET = 'orden-test-secret-' + Math.random().toString(36).slice(2);

const dir = mkdtempSync(join(tmpdir(), 'orden-oidc-'));
// SQLite in the temporary directory, or with ORDEN_TEST_PG (a throw-away
// cluster's URL with the word DBNAME: tests/pg/cluster.sh) a database of
// its own there, which db_open creates.
const pg = process.env.ORDEN_TEST_PG;
const db = pg ? pg.replace('DBNAME', `orden_oidc_${process.pid}`) : join(dir, 'orden.db');
const env = { ...process.env, ORDEN_TEST_FAST_HASH: '1' };
if (pg) env.ORDEN_AUDIT_KEY = join(dir, 'audit-key');
let server, serverLog = '', orden_people = null;
const killer = setTimeout(() => { server?.kill('SIGKILL'); process.exit(2); }, 900000);

// The provider runs in this process: a command that asks it something must
// not block the event loop (spawnSync would, until curl's timeout).
function orden(...args) {
  return new Promise(resolve => {
    const p = spawn(bin, [...args, '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', d => { stdout += d; });
    p.stderr.on('data', d => { stderr += d; });
    p.on('close', status => resolve({ status, stdout, stderr }));
  });
}

async function waitPort(portFile) {
  for (let i = 0; i < 400; i++) {
    if (existsSync(portFile)) {
      const p = parseInt(readFileSync(portFile, 'utf8'), 10);
      if (p > 0) return p;
    }
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('server did not start:\n' + serverLog);
}

try {
  const demo = spawnSync(bin, ['demo', '--db', db], { env, encoding: 'utf8' });
  if (!ok(demo.status === 0, 'the demo municipality is made', demo.stderr)) throw new Error('no demo');
  // The second factor is on by default (issue 17); this suite is about the
  // provider, so it says "off" explicitly, and its own section on the
  // second factor turns it on again.
  const off = spawnSync(bin, ['totp', 'settings', '--db', db, '--require', 'off'], { env, encoding: 'utf8' });
  ok(off.status === 0 && /warning|advarsel/.test(off.stderr), 'the second factor turned off, with a warning', off.stderr);
  const portFile = join(dir, 'port');
  server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile],
    { env, stdio: ['ignore', 'ignore', 'pipe'] });
  server.stderr.on('data', d => { serverLog += d; });
  const base = `http://127.0.0.1:${await waitPort(portFile)}`;
  const callback = `${base}/login/sso/callback`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'orden', client_secret: CLIENT_SECRET,
      redirect_uris: [callback], post_logout_redirect_uris: [`${base}/login`],
      response_types: ['code'], grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [k1.priv] },
    cookies: { keys: ['orden-oidc-test-cookie-key'] },
    findAccount: async (ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: mode.email ?? sub, name: sub.split('@')[0],
        preferred_username: sub.split('@')[0] }),
    }),
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'preferred_username'] },
    conformIdTokenClaims: false,	// email in the ID token itself
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
  });
  // Re-sign the ID token on its way out of the token endpoint.
  provider.use(async (ctx, next) => {
    await next();
    if (mode.tamper === 'rotated' && ctx.path === '/jwks')
      ctx.body = { keys: [k1.pub, k2.pub] };
    if (ctx.path !== '/token' || !mode.tamper || !ctx.body?.id_token) return;
    const claims = jose.decodeJwt(ctx.body.id_token);
    let key = k1;
    const now = Math.floor(Date.now() / 1000);
    if (mode.tamper === 'aud') claims.aud = 'someone-else';
    if (mode.tamper === 'expired') { claims.iat = now - 7200; claims.exp = now - 3600; }
    if (mode.tamper === 'signature') key = rogue;
    if (mode.tamper === 'rotated') key = k2;
    if (mode.tamper === 'amr') claims.amr = ['pwd', 'mfa'];
    ctx.body = { ...ctx.body, id_token: await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey) };
  });
  idpServer.on('request', provider.callback());

  // Two providers on the same issuer (one refuses unknown people, one
  // creates them in Vestre skole) and one whose issuer does not answer.
  const secretFile = join(dir, 'secret');
  writeFileSync(secretFile, CLIENT_SECRET + '\n', { mode: 0o600 });
  const add = async (name, iss, ...more) => orden('sso', 'add', '--name', name, '--issuer', iss,
    '--client-id', 'orden', '--client-secret-file', secretFile, '--redirect-uri', callback, ...more);
  let r = await add('Entra ID', issuer);
  ok(r.status === 0, 'orden sso add: a provider', r.stderr);
  r = await add('Feide', issuer, '--create-in', 'vestre-skole');
  ok(r.status === 0, 'orden sso add: a provider that creates unknown people', r.stderr);
  r = await add('Feide brukernavn', issuer, '--create-in', 'vestre-skole', '--claim', 'preferred_username');
  ok(r.status === 0, 'orden sso add: a provider that names people by preferred_username and creates them', r.stderr);
  r = await add('Entra ID med MFA', issuer, '--amr-mfa');
  ok(r.status === 0, 'orden sso add --amr-mfa', r.stderr);
  r = await add('Nede', 'http://127.0.0.1:1');
  ok(r.status === 0 && /warning/.test(r.stderr), 'orden sso add: a provider that does not answer is saved, with a warning', r.stderr);
  r = await add('Entra ID', issuer);
  ok(r.status !== 0, 'orden sso add: the same name twice is refused');
  r = await orden('sso', 'add', '--name', 'X', '--issuer', 'http://idp.example', '--client-id', 'c',
    '--redirect-uri', callback);
  ok(r.status === 2, 'orden sso add: an http issuer off loopback is refused');
  r = await orden('sso', 'list');
  ok(r.status === 0 && /Entra ID/.test(r.stdout) && /Nede\t[^\n]*could not be fetched/.test(r.stdout),
    'orden sso list: names the providers and which one does not work', r.stdout + r.stderr);

  // The login page's buttons.
  const anon = new Jar();
  const login = await req(anon, `${base}/login`);
  const buttons = {};
  for (const m of login.text_.matchAll(/href="\/login\/sso\/(\d+)\?next=[^"]*">([^<]+)</g)) buttons[m[2]] = m[1];
  ok(buttons['Entra ID'] && buttons['Feide'] && buttons['Nede'] && buttons['Entra ID med MFA'], 'the login page has a button per provider',
    JSON.stringify(buttons));

  // Walk the provider's pages as a browser would, logging in as account,
  // until it sends the browser back to Orden; the callback URL.
  async function atProvider(jar, url, account) {
    for (let i = 0; i < 12; i++) {
      const res = await req(jar, url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location'), url).href;
        if (url.startsWith(callback)) return url;
        continue;
      }
      const form = res.text_.match(/<form[^>]*action="([^"]+)"/);
      if (res.status !== 200 || !form) throw new Error(`provider page ${url}: ${res.status} ${res.text_.slice(0, 300)}`);
      const body = new URLSearchParams();
      for (const m of res.text_.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) body.set(m[1], m[2]);
      if (/name="login"/.test(res.text_)) { body.set('login', account); body.set('password', 'x'); }
      const post = await req(jar, new URL(form[1], url).href, { method: 'POST', body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      if (post.status < 300 || post.status >= 400) throw new Error(`provider post: ${post.status} ${post.text_.slice(0, 300)}`);
      url = new URL(post.headers.get('location'), url).href;
      if (url.startsWith(callback)) return url;
    }
    throw new Error('the provider never sent the browser back');
  }

  // One sign-in: Orden's button, the provider, the callback. The jar is
  // Orden's browser side; each sign-in gets a fresh provider side.
  async function signIn(account, button = 'Entra ID', jar = new Jar()) {
    const start = await req(jar, `${base}/login/sso/${buttons[button]}?next=%2Fwhistle%2Fcases`);
    if (start.status !== 303) return { start, jar };
    const back = await atProvider(new Jar(), start.headers.get('location'), account);
    const cb = await req(jar, back);
    return { start, back, cb, jar };
  }

  // A provider that does not answer: a clear page, not a 500.
  {
    const res = await req(new Jar(), `${base}/login/sso/${buttons['Nede']}`);
    ok(res.status === 502 && /<h1>/.test(res.text_) && /href="\/login"/.test(res.text_),
      'a provider that does not answer: a 502 page that says so and leads back to the login page',
      `${res.status} ${res.text_.slice(0, 300)}`);
  }

  // The redirect to the provider carries PKCE, state and nonce.
  let good;
  {
    const s = await signIn(`bjorn.saether${MAIL}`);
    good = s;
    const loc = new URL(s.start.headers.get('location'));
    ok(loc.origin === issuer && loc.searchParams.get('code_challenge_method') === 'S256' &&
      loc.searchParams.get('code_challenge') && loc.searchParams.get('nonce') &&
      s.start.headers.getSetCookie().some(c => c.startsWith(`orden_sso_state=${loc.searchParams.get('state')};`)),
      'the browser goes to the provider with PKCE (S256), a nonce and the state of its cookie', loc.href);
    ok(/SameSite=Lax/.test(s.start.headers.getSetCookie().join('\n')),
      'the state cookie is SameSite=Lax, so the provider\'s redirect brings it back');
    ok(s.cb.status === 200 && s.jar.get('orden_session'), 'a good sign-in makes a session',
      `${s.cb.status} ${s.cb.text_.slice(0, 400)}`);
    ok(/http-equiv="refresh" content="0;url=\/whistle\/cases"/.test(s.cb.text_), 'and moves on to where the person was going');
    const home = await req(s.jar, `${base}/`);
    ok(home.status === 200 && /Bjørn Sæther/.test(home.text_), 'the session is Bjørn Sæther\'s', home.status);
  }

  // The same answer again (a replayed state): refused.
  {
    const again = await req(good.jar, good.back);
    ok(again.status === 400 && !/orden_session=[^;]/.test(again.headers.getSetCookie().join()),
      'a replayed state is refused (400) and makes no session', again.status);
  }
  // A state this browser did not begin (no cookie): refused.
  {
    const s = await req(new Jar(), `${base}/login/sso/${buttons['Entra ID']}`);
    const back = await atProvider(new Jar(), s.headers.get('location'), `bjorn.saether${MAIL}`);
    const other = await req(new Jar(), back);
    ok(other.status === 400, 'an answer brought to another browser (no state cookie) is refused', other.status);
  }

  for (const [tamper, what] of [['aud', 'an ID token for another client (wrong aud)'],
    ['expired', 'an expired ID token'], ['signature', 'an ID token with a bad signature']]) {
    mode.tamper = tamper;
    const s = await signIn(`bjorn.saether${MAIL}`);
    mode.tamper = null;
    ok(s.cb?.status === 403 && !s.jar.get('orden_session') && /<h1>/.test(s.cb.text_),
      `${what} is refused with a clear page and no session`, `${s.cb?.status} ${s.cb?.text_.slice(0, 300)}`);
  }

  // The provider rotates its key: Orden fetches the keys again.
  {
    mode.tamper = 'rotated';
    const s = await signIn(`bjorn.saether${MAIL}`);
    mode.tamper = null;
    ok(s.cb?.status === 200 && s.jar.get('orden_session'),
      'an ID token signed with the provider\'s new key (rotation) is accepted', `${s.cb?.status} ${s.cb?.text_.slice(0, 300)}`);
  }

  // Nobody in Orden is this person.
  {
    const s = await signIn(`ukjent.person${MAIL}`);
    ok(s.cb?.status === 403 && !s.jar.get('orden_session') && /administrator/.test(s.cb.text_),
      'an unknown person is refused (403), nobody is created', `${s.cb?.status}`);
    const again = await orden('sso', 'list');	// still runs: nothing broke
    ok(again.status === 0, 'orden still answers after the refusals');
  }
  // ... unless the provider creates people: then an employee of its unit.
  {
    const s = await signIn(`ny.ansatt${MAIL}`, 'Feide');
    ok(s.cb?.status === 200 && s.jar.get('orden_session'),
      'a provider that creates people signs a new person in', `${s.cb?.status} ${s.cb?.text_.slice(0, 300)}`);
    const me = await req(s.jar, `${base}/api/v1/me`);
    let j = {};
    try { j = JSON.parse(me.text_); } catch { /* checked below */ }
    ok(me.status === 200 && j.login === `ny.ansatt${MAIL}` &&
      JSON.stringify(j.roles || []).includes('employee') &&
      !JSON.stringify(j.roles || []).match(/admin|leader/),
      'created as an employee and nothing more', me.text_.slice(0, 400));
    // A new person has no key yet: the vault page asks them to choose one.
    const vf = await req(s.jar, `${base}/account/vault`);
    ok(vf.status === 200 && /name="confirm"/.test(vf.text_), 'a person without a key is asked to choose a vault passphrase');
    const csrf = vf.text_.match(/name="csrf" value="([^"]+)"/)?.[1];
    const set = await req(s.jar, `${base}/account/vault`, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, passphrase: 'en lang hemmelighet', confirm: 'en lang hemmelighet', next: '/' }) });
    ok(set.status === 303, 'and chooses one', `${set.status} ${set.text_.slice(0, 300)}`);
  }

  // The provider's e-mail claim goes into the To: header and the SMTP
  // RCPT of every e-mail to the person: one with a line break (headers
  // or recipients added) is not kept, and a login claim with one is no
  // one's name.
  {
    const bad = `ny.kollega${MAIL}\r\nBcc: spion@evil.example`;
    mode.email = bad;
    let s = await signIn('ny.kollega@x', 'Feide brukernavn');
    mode.email = null;
    ok(s.cb?.status === 200 && s.jar.get('orden_session'),
      'a person whose e-mail claim holds a line break is still created and signed in', `${s.cb?.status} ${s.cb?.text_.slice(0, 300)}`);
    const me = await req(s.jar, `${base}/api/v1/me`);
    let j = {};
    try { j = JSON.parse(me.text_); } catch { /* checked below */ }
    ok(me.status === 200 && j.login === 'ny.kollega' && !j.email,
      'but without that e-mail address: no header or recipient can be added to the mail Orden sends', me.text_.slice(0, 400));
    mode.email = bad;
    s = await signIn('enda.en@x', 'Feide');
    mode.email = null;
    ok(s.cb?.status === 403 && !s.jar.get('orden_session'),
      'a login claim with a line break is refused', `${s.cb?.status} ${s.cb?.text_?.slice(0, 300)}`);
    const list = await orden('user', 'list');
    ok(list.status === 0 && !/spion|enda\.en/.test(list.stdout), 'and nobody is made of it', list.stdout.slice(-600));
  }

  // The vault under SSO: a handler's case stays closed to a sign-in by the
  // provider alone (which is all an operator who controls the provider
  // has), and opens with the handler's own secret.
  {
    const tk = await orden('token', 'create', '--login', 'bjorn.saether');
    const token = tk.stdout.trim().split('\n').pop().trim();
    const api = (path, opts = {}) => req(null, `${base}${path}`, { ...opts,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(opts.headers || {}) } });
    const units = JSON.parse((await api('/api/v1/units')).text_);
    const atk = (await orden('token', 'create', '--login', 'admin')).stdout.trim().split('\n').pop().trim();
    orden_people = (await req(null, `${base}/api/v1/people`, { headers: { Authorization: `Bearer ${atk}` } })).text_;
    const school = units.find(u => u.code === 'vestre-skole');
    const wb = await req(null, `${base}/api/v1/whistle/reports`, { method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ concerns: 'employee', reporter_category: 'hired', unit_id: school.id,
        anonymous: true, what: 'Hemmelig innhold 4711.', why_censurable: 'Det bryter rutinene.' }) });
    ok(wb.status === 201, 'a whistleblowing report is made', wb.text_.slice(0, 300));
    const cases = JSON.parse((await api('/api/v1/whistle/cases')).text_).items;
    const c = cases.find(x => x.id === JSON.parse(wb.text_).id) ?? cases[0];
    const decl = await api(`/api/v1/whistle/cases/${c.id}/actions`, { method: 'POST',
      body: JSON.stringify({ action: 'declare_impartial' }) });
    ok(decl.status === 200 || decl.status === 201, 'the handler declares impartiality (with a token)', decl.text_.slice(0, 300));

    const s = await signIn(`bjorn.saether${MAIL}`);
    ok(s.cb?.status === 200, 'the handler signs in with the provider');
    const view = (jar) => req(jar, `${base}/api/v1/whistle/cases/${c.id}`);
    let v = await view(s.jar);
    let j = JSON.parse(v.text_);
    ok(v.status === 200 && j.locked?.code === 'session' && !v.text_.includes('4711'),
      'signed in by the provider alone, the case content stays locked', v.text_.slice(0, 300) + ' ... ' + v.text_.slice(-600));
    const page = await req(s.jar, `${base}/whistle/cases/${c.id}`);
    ok(page.status === 200 && page.text_.includes(`href="/account/vault?next=/whistle/cases/${c.id}"`) &&
      !page.text_.includes('4711'), 'the case page offers to open the key, and shows no content');
    const vf = await req(s.jar, `${base}/account/vault?next=/whistle/cases/${c.id}`);
    ok(vf.status === 200 && !/name="confirm"/.test(vf.text_) && /type="password"/.test(vf.text_),
      'the vault page asks for the handler\'s own password');
    const csrf = vf.text_.match(/name="csrf" value="([^"]+)"/)?.[1];
    const open = (pp) => req(s.jar, `${base}/account/vault`, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, passphrase: pp, next: `/whistle/cases/${c.id}` }) });
    const bad = await open('not-the-password');
    ok(bad.status === 401, 'a wrong passphrase does not open it', bad.status);
    v = await view(s.jar);
    ok(JSON.parse(v.text_).locked?.code === 'session' && !v.text_.includes('4711'), 'and the content is still locked');
    const noCsrf = await req(s.jar, `${base}/account/vault`, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ passphrase: DEMO_PASSWORD }) });
    ok(noCsrf.status === 403, 'the vault form needs the session\'s CSRF token', noCsrf.status);
    const good2 = await open(DEMO_PASSWORD);
    ok(good2.status === 303 && good2.headers.get('location') === `/whistle/cases/${c.id}`,
      'the handler\'s own password opens the key', `${good2.status} ${good2.text_.slice(0, 200)}`);
    v = await view(s.jar);
    ok(v.status === 200 && JSON.parse(v.text_).locked === null && v.text_.includes('4711'),
      'and then the case content opens in this session', v.text_.slice(0, 300));
    // Another sign-in by the provider (another session) has no key again.
    const s2 = await signIn(`bjorn.saether${MAIL}`);
    v = await view(s2.jar);
    ok(JSON.parse(v.text_).locked?.code === 'session', 'a new sign-in by the provider does not carry the key');

    // Logout ends Orden's session and offers the provider's.
    const home = await req(s.jar, `${base}/`);
    const lcsrf = home.text_.match(/action="\/logout"[\s\S]*?name="csrf" value="([^"]+)"/)?.[1];
    const out = await req(s.jar, `${base}/logout`, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: lcsrf }) });
    const endUrl = out.text_.match(/href="(http[^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    ok(out.status === 200 && endUrl && endUrl.startsWith(`${issuer}/session/end`) &&
      new URL(endUrl).searchParams.get('post_logout_redirect_uri') === `${base}/login`,
      'logout offers the provider\'s end-session URL', `${out.status} ${out.text_.slice(0, 400)}`);
    const after = await req(s.jar, `${base}/`);
    ok(after.status === 303 || after.status === 302, 'and Orden\'s session is over', after.status);
    const end = await req(new Jar(), endUrl);
    ok(end.status === 200 || end.status === 303, 'the provider knows the end-session URL', end.status);
  }


  // The second factor (TOTP), required by the municipality.
  {
    let r = await orden('totp', 'settings', '--require', 'on');
    ok(r.status === 0 && /on/.test(r.stdout), 'orden totp settings --require on', r.stderr);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    // A password login; the answer to it.
    async function pwLogin(login, jar = new Jar()) {
      const page = await req(jar, `${base}/login`);
      const lc = page.text_.match(/name="login_csrf" value="([^"]+)"/)?.[1];
      const res = await req(jar, `${base}/login`, { method: 'POST', headers: form,
        body: new URLSearchParams({ login, password: DEMO_PASSWORD, login_csrf: lc, next: '/' }) });
      return { res, jar };
    }
    const code = (jar, c) => req(jar, `${base}/login/2fa`, { method: 'POST', headers: form,
      body: new URLSearchParams({ code: c }) });

    // An admin: enrolment at the first login.
    let { res, jar } = await pwLogin('admin');
    ok(res.status === 303 && res.headers.get('location') === '/login/2fa' && !jar.get('orden_session') &&
      jar.get('orden_login_ticket'), 'an admin\'s right password leads to the second step, not a session', res.status);
    let page = await req(jar, `${base}/login/2fa`);
    const secret = page.text_.match(/<code>([A-Z2-7]{32})<\/code>/)?.[1];
    ok(page.status === 200 && /<svg[^>]*viewBox/.test(page.text_) && secret,
      'enrolment shows a QR code (SVG) and the key', page.text_.slice(0, 200));
    const key = b32decode(secret || '');
    const far = totp(key, Date.now() / 1000 - 3600);
    let a = await code(jar, far === totp(key) ? '000000' : far);
    ok(a.status === 401 && !jar.get('orden_session'), 'a wrong code does not enrol', a.status);
    const first = totp(key);
    a = await code(jar, first);
    const rcodes = [...a.text_.matchAll(/<li><code>([a-z0-9-]{19})<\/code><\/li>/g)].map(m => m[1]);
    ok(a.status === 200 && jar.get('orden_session') && rcodes.length === 10,
      'the right code enrols, signs in and shows ten recovery codes once', `${a.status} ${rcodes.length}`);
    const adminJar = jar;
    ok((await req(adminJar, `${base}/admin/sso`)).status === 200, 'the admin session works');

    // The next login asks for a code; one already used is refused.
    ({ res, jar } = await pwLogin('admin'));
    page = await req(jar, `${base}/login/2fa`);
    ok(page.status === 200 && !/<svg/.test(page.text_) && !page.text_.includes(secret),
      'an enrolled person is asked for a code; the key is never shown again');
    a = await code(jar, first);
    ok(a.status === 401 && !jar.get('orden_session'), 'a code already used is refused (replay)', a.status);
    a = await code(jar, totp(key, Date.now() / 1000 + 30));
    ok(a.status === 303 && jar.get('orden_session'), 'the next code signs in', a.status);

    // A recovery code works once.
    ({ res, jar } = await pwLogin('admin'));
    a = await code(jar, rcodes[0].toUpperCase());
    ok(a.status === 303 && jar.get('orden_session'), 'a recovery code signs in', a.status);
    ({ res, jar } = await pwLogin('admin'));
    a = await code(jar, rcodes[0]);
    ok(a.status === 401 && !jar.get('orden_session'), 'the same recovery code again is refused', a.status);

    // Someone who needs none: straight in.
    ({ res, jar } = await pwLogin('lars.eriksen'));
    ok(res.status === 303 && res.headers.get('location') === '/' && jar.get('orden_session'),
      'an employee (not required) logs in with the password alone', res.status);

    // A handler signed in by the provider gets the second step too.
    const s = await signIn(`bjorn.saether${MAIL}`);
    ok(s.cb?.status === 200 && /content="0;url=\/login\/2fa"/.test(s.cb.text_) && !s.jar.get('orden_session') &&
      s.jar.get('orden_login_ticket'), 'a provider sign-in of a handler also goes to the second step', s.cb?.status);
    // The audit log does not call that a login: the second factor may
    // still stop it (the newest row is the provider's half).
    let log = await req(adminJar, `${base}/admin/audit`);
    let newest = log.text_.match(/<tbody>\s*<tr>(.*?)<\/tr>/s)?.[1] || '';
    ok(/Godkjent av innloggingstjenesten, venter på andre faktor/.test(newest) && !/Logget inn/.test(newest),
      'the audit log says the provider signed the handler in and the second factor is asked, not "logged in"', newest);
    page = await req(s.jar, `${base}/login/2fa`);
    const bsecret = page.text_.match(/<code>([A-Z2-7]{32})<\/code>/)?.[1];
    a = await code(s.jar, totp(b32decode(bsecret || '')));
    ok(a.status === 200 && s.jar.get('orden_session'), 'and enrols there', a.status);

    // The provider's own second factor stands in where the municipality
    // says so: amr "mfa" from a provider added with --amr-mfa.
    mode.tamper = 'amr';
    let m = await signIn(`bjorn.saether${MAIL}`, 'Entra ID med MFA');
    ok(m.cb?.status === 200 && m.jar.get('orden_session') && !m.jar.get('orden_login_ticket'),
      'amr "mfa" from a provider trusted for it stands in for the second factor', m.cb?.status);
    log = await req(adminJar, `${base}/admin/audit`);
    newest = log.text_.match(/<tbody>\s*<tr>(.*?)<\/tr>/s)?.[1] || '';
    ok(/Logget inn med innloggingstjeneste/.test(newest), 'and that sign-in is audited as a login', newest);
    m = await signIn(`bjorn.saether${MAIL}`, 'Entra ID');
    ok(m.cb?.status === 200 && !m.jar.get('orden_session') && m.jar.get('orden_login_ticket'),
      'the same claim from a provider not trusted for it does not', m.cb?.status);
    mode.tamper = null;
    m = await signIn(`bjorn.saether${MAIL}`, 'Entra ID med MFA');
    ok(m.cb?.status === 200 && !m.jar.get('orden_session'), 'and without amr "mfa" the second step comes', m.cb?.status);

    // The admin removes Bjørn's second factor (never sees it), not their own.
    const people = JSON.parse(orden_people || '[]');
    const bjorn = people.find(p => p.login === 'bjorn.saether'), adm = people.find(p => p.login === 'admin');
    page = await req(adminJar, `${base}/admin/people/${bjorn.id}`);
    const csrf = page.text_.match(/action="\/admin\/people\/\d+\/second-factor">\s*<input type="hidden" name="csrf" value="([^"]+)"/)?.[1];
    ok(page.status === 200 && csrf && !page.text_.includes(bsecret), 'the person page offers the reset and shows no secret');
    a = await req(adminJar, `${base}/admin/people/${adm.id}/second-factor`, { method: 'POST', headers: form,
      body: new URLSearchParams({ csrf }) });
    ok(a.status === 403, 'an admin cannot remove their own second factor', a.status);
    a = await req(adminJar, `${base}/admin/people/${bjorn.id}/second-factor`, { method: 'POST', headers: form,
      body: new URLSearchParams({ csrf }) });
    ok(a.status === 303, 'an admin removes another person\'s second factor', a.status);
    const s2 = await signIn(`bjorn.saether${MAIL}`);
    page = await req(s2.jar, `${base}/login/2fa`);
    ok(/<svg/.test(page.text_), 'and that person enrols anew at the next login');
    const audit = await req(adminJar, `${base}/admin/audit`);
    ok(audit.status === 200, 'the audit page shows (the reset is audited)');

    // Guessing is slowed.
    ({ res, jar } = await pwLogin('admin'));
    let st = [];
    for (let i = 0; i < 5; i++) st.push((await code(jar, '12345' + i)).status);
    ok(st.includes(429), 'wrong codes are throttled', st.join(','));
    r = await orden('totp', 'reset', '--login', 'admin');
    ok(r.status === 0, 'orden totp reset --login', r.stderr);
    r = await orden('totp', 'settings', '--require', 'off');
    ok(r.status === 0, 'orden totp settings --require off', r.stderr);
  }

  // The provider goes down between the sign-in and the callback.
  {
    const jar = new Jar();
    const start = await req(jar, `${base}/login/sso/${buttons['Entra ID']}`);
    const back = await atProvider(new Jar(), start.headers.get('location'), `bjorn.saether${MAIL}`);
    idpServer.closeAllConnections();
    await new Promise(r => idpServer.close(r));
    const cb = await req(jar, back);
    ok(cb.status === 502 && /<h1>/.test(cb.text_) && !jar.get('orden_session'),
      'the provider down at the callback: a clear 502 page, no session', `${cb.status} ${cb.text_.slice(0, 300)}`);
    const health = await req(null, `${base}/healthz`);
    ok(health.status === 200, 'and the rest of Orden goes on');
  }
} catch (e) {
  ok(false, 'the test ran to the end', e.stack);
  console.log('# server: ' + serverLog.slice(-3000).split('\n').join('\n# '));
} finally {
  clearTimeout(killer);
  server?.kill('SIGTERM');
  idpServer.closeAllConnections?.();
  idpServer.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
