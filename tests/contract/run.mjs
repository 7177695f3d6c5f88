// Contract test: the JSON API answers as docs/openapi.yaml says. Reads and
// validates the spec with swagger-parser, starts the real server (the demo
// municipality in a temporary directory, a loopback port), makes tokens for
// a few demo people, calls every documented GET operation and the main
// POSTs (and some errors), and checks each answer's status against the
// operation's documented responses and its JSON body against the response
// schema with ajv. Objects in the spec are read as closed: a field the
// server sends that the spec does not name is a difference too.
// Prints TAP. Stops the server itself.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.ORDEN_BIN || join(here, '../../build/asan/orden');
const specPath = join(here, '../../docs/openapi.yaml');

let n = 0, failed = 0;
function ok(cond, name, detail) {
  n++;
  if (cond) console.log(`ok ${n} - ${name}`);
  else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (detail) console.log('# ' + String(detail).split('\n').join('\n# '));
  }
  return cond;
}

// --- the spec ---------------------------------------------------------------
let api;
try {
  api = await SwaggerParser.validate(specPath);
  ok(true, 'docs/openapi.yaml is a valid OpenAPI document');
} catch (e) {
  ok(false, 'docs/openapi.yaml is a valid OpenAPI document', e.message);
  console.log(`1..${n}`);
  process.exit(1);
}

// OpenAPI 3.0 schema objects as JSON Schema: allOf parts merged into one
// object (so that closing it does not refuse the other parts' fields),
// objects with properties closed, and nullable kept (ajv knows it).
function close(s, seen = new Map()) {
  if (s === null || typeof s !== 'object') return s;
  if (Array.isArray(s)) return s.map(x => close(x, seen));
  if (seen.has(s)) return seen.get(s);
  let out = {};
  seen.set(s, out);
  let src = s;
  if (Array.isArray(s.allOf)) {
    src = { ...s };
    delete src.allOf;
    for (const part of s.allOf) {
      const p = close(part, seen);
      for (const [k, v] of Object.entries(p)) {
        if (k === 'properties') src.properties = { ...(src.properties || {}), ...v };
        else if (k === 'required') src.required = [...new Set([...(src.required || []), ...v])];
        else if (k === 'additionalProperties') continue;
        else if (!(k in src)) src[k] = v;
      }
    }
  }
  for (const [k, v] of Object.entries(src)) {
    if (['example', 'xml', 'externalDocs', 'deprecated', 'discriminator'].includes(k)) continue;
    out[k] = k === 'properties'
      ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, close(pv, seen)]))
      : close(v, seen);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.properties && out.type === undefined) out.type = 'object';
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

// The checker itself: a field the spec does not name, and a wrong type,
// are refused (else every "matches" below would prove nothing).
{
  const v = ajv.compile(close(api.components.schemas.Error));
  ok(v({ error: { code: 'forbidden', message: 'x' } }) &&
    !v({ error: { code: 'forbidden', message: 'x', extra: 1 } }) &&
    !v({ error: { code: 'forbidden', message: 7 } }), 'the checker refuses undocumented fields and wrong types');
  const d = ajv.compile(close(api.components.schemas.DeviationDetail));
  ok(d({ id: 1, events: [] }) && !d({ id: 1, events: [], surprise: true }),
    'the checker merges allOf parts before closing them');
}

// The operation for method and a request path ("/api/v1/units/12").
// A literal path ("/api/v1/risks/scale") wins over a template that would
// also match it ("/api/v1/risks/{id}"), as in the server's router.
function operation(method, path) {
  const exact = api.paths[path];
  if (exact && exact[method]) return { tpl: path, op: exact[method] };
  for (const [tpl, item] of Object.entries(api.paths)) {
    const re = new RegExp('^' + tpl.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (re.test(path) && item[method]) return { tpl, op: item[method] };
  }
  return null;
}

// Check one answer against the spec; returns the parsed body.
const calledGets = [];
async function check(label, method, path, res, want) {
  const text = await res.text();
  const found = operation(method, path.split('?')[0]);
  if (!ok(found !== null, `${label}: ${method.toUpperCase()} ${path.split('?')[0]} is documented`)) return null;
  const { tpl, op } = found;
  if (method === 'get') calledGets.push(tpl);
  const st = String(res.status);
  const r = op.responses[st] || op.responses.default;
  ok(r !== undefined, `${label}: ${method.toUpperCase()} ${tpl} ${st} is a documented status`,
    `documented: ${Object.keys(op.responses).join(', ')}; body: ${text.slice(0, 300)}`);
  if (want !== undefined) ok(res.status === want, `${label}: answers ${want}`, `got ${st}: ${text.slice(0, 300)}`);
  if (r === undefined || r.content === undefined) return null;
  const ctype = (res.headers.get('content-type') || '').split(';')[0].trim();
  const media = r.content[ctype];
  if (!ok(media !== undefined, `${label}: ${tpl} ${st} has a documented content type (${ctype})`,
    `documented: ${Object.keys(r.content).join(', ')}`)) return null;
  if (ctype !== 'application/json') return text;
  let body;
  try { body = JSON.parse(text); } catch (e) {
    ok(false, `${label}: ${tpl} ${st} body is JSON`, e.message);
    return null;
  }
  const validate = ajv.compile(close(media.schema));
  ok(validate(body), `${label}: ${tpl} ${st} body matches its schema`,
    (validate.errors || []).map(e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n'));
  return body;
}

// --- the server ---------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'orden-contract-'));
const db = join(dir, 'orden.db');
const env = { ...process.env, ORDEN_TEST_FAST_HASH: '1' };
const demo = spawnSync(bin, ['demo', '--db', db], { env, encoding: 'utf8' });
if (demo.status !== 0) {
  console.log('not ok 1 - demo failed\n# ' + demo.stderr);
  process.exit(1);
}
function token(login) {
  const r = spawnSync(bin, ['token', 'create', '--db', db, '--login', login], { env, encoding: 'utf8' });
  const lines = (r.stdout || '').trim().split('\n');
  return r.status === 0 ? lines[lines.length - 1].trim() : null;
}
const tok = {};
for (const [who, login] of [['admin', 'admin'], ['quality', 'ingrid.haugen'],
  ['leader', 'bjorn.saether'], ['employee', 'lars.eriksen'], ['safety', 'tone.myhre']]) {
  tok[who] = token(login);
  ok(tok[who] !== null && tok[who].startsWith('orden_'), `a token for ${login}`);
}

const portFile = join(dir, 'port');
const server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile],
  { env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', d => { serverLog += d; });
const killer = setTimeout(() => { server.kill('SIGKILL'); process.exit(2); }, 900000);

async function waitPort() {
  for (let i = 0; i < 400; i++) {
    if (existsSync(portFile)) {
      const p = parseInt(readFileSync(portFile, 'utf8'), 10);
      if (p > 0) return p;
    }
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('server did not start:\n' + serverLog);
}

let base;
async function call(who, method, path, body, headers = {}) {
  const h = { ...headers };
  if (who !== null) h.Authorization = `Bearer ${tok[who]}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  return fetch(base + path, { method: method.toUpperCase(), headers: h, redirect: 'manual',
    body: body === undefined ? undefined : JSON.stringify(body) });
}
async function get(who, path, want = 200) {
  return check(who ?? 'anonymous', 'get', path, await call(who, 'get', path), want);
}
async function post(who, path, body, want, headers) {
  return check(who ?? 'anonymous', 'post', path, await call(who, 'post', path, body, headers), want);
}

try {
  base = `http://127.0.0.1:${await waitPort()}`;

  // Who and what is there.
  await get(null, '/healthz');
  await get(null, '/metrics', 404);	// no --metrics-token-file: no metrics at all
  await get(null, '/api/v1/me', 401);
  for (const who of ['admin', 'leader', 'employee']) await get(who, '/api/v1/me');
  const units = await get('employee', '/api/v1/units');
  const unitId = units?.[0]?.id ?? 1;
  await get('employee', `/api/v1/units/${unitId}`);
  await get('employee', '/api/v1/units/999999', 404);
  const people = await get('admin', '/api/v1/people');
  await get('leader', '/api/v1/people');
  await get('admin', `/api/v1/people/${people?.[0]?.id ?? 1}`);
  await get('admin', '/api/v1/people/999999', 404);
  await get('employee', '/api/v1/categories');
  await get('quality', '/api/v1/categories');
  await get('quality', '/api/v1/deviation-settings');
  await get('employee', '/api/v1/deviation-settings', 403);

  // Deviations: the list, filters, one, the CSV, statistics.
  const list = await get('quality', '/api/v1/deviations?limit=20');
  await get('leader', '/api/v1/deviations?inbox=1');
  await get('employee', '/api/v1/deviations?mine=1');
  await get('quality', '/api/v1/deviations?status=closed&kind=deviation&from=2020-01-01&to=2099-12-31');
  await get('quality', '/api/v1/deviations?limit=0', 400);
  for (const d of (list?.items ?? []).slice(0, 5)) await get('quality', `/api/v1/deviations/${d.id}`);
  await get('employee', '/api/v1/deviations/999999', 404);
  await get('quality', '/api/v1/deviations.csv?status=closed');
  await get('quality', '/api/v1/deviations.csv?sep=comma');
  for (const by of ['category', 'status', 'month', 'unit', 'kind'])
    await get('quality', `/api/v1/stats/deviations?by=${by}`);
  const school = (units ?? []).find(u => u.code === 'vestre-skole') ?? { id: unitId };
  await get('leader', `/api/v1/stats/deviations?by=unit&unit_id=${school.id}&from=2020-01-01`);
  await get('employee', '/api/v1/stats/deviations', 403);
  await get('quality', '/api/v1/stats/deviations?by=nonsense', 400);
  // The tertial report: the municipality, a sector's T1, a refusal and a bad period.
  await get('quality', '/api/v1/reports/tertial');
  await get('quality', `/api/v1/reports/tertial?year=2026&tertial=1&unit_id=${(units ?? []).find(u => u.code === 'oo')?.id ?? 0}`);
  await get('employee', '/api/v1/reports/tertial', 403);
  await get('quality', '/api/v1/reports/tertial?tertial=9', 400);
  await get('quality', '/api/v1/reports/tertial.xlsx?tertial=1');
  await get('quality', '/api/v1/reports/tertial.pdf?tertial=1');
  // Its groups, written sections, versions and approval (Oppvekst og opplæring, T2).
  {
    const oo = (units ?? []).find(u => u.code === 'oo')?.id ?? 0;
    const ho = (units ?? []).find(u => u.code === 'ho')?.id ?? 0;
    const home = (units ?? []).find(u => u.code === 'sentrum-sykehjem')?.id ?? 0;
    await get('quality', `/api/v1/reports/groups?area_id=${oo}`);
    await get('leader', '/api/v1/reports/groups', 403);
    const g = await post('quality', '/api/v1/reports/groups',
      { area_id: ho, name: 'Sykehjem', unit_ids: String(home) }, 201);
    await post('quality', '/api/v1/reports/groups', { area_id: ho, name: '' }, 400);
    await post('leader', '/api/v1/reports/groups', { area_id: ho, name: 'x', unit_ids: String(home) }, 403);
    if (g) {
      await post('quality', '/api/v1/reports/groups', { action: 'group_update', group_id: g.id, name: 'Sykehjemmene', unit_ids: String(home) }, 200);
      await post('quality', '/api/v1/reports/groups', { action: 'group_remove', group_id: g.id }, 200);
    }
    const q = `year=2026&tertial=2&unit_id=${oo}`;
    const rep = await get('quality', `/api/v1/reports/tertial?${q}`);
    const key = (rep?.groups ?? []).find(x => x.name === 'Grunnskoler')?.key ?? 'x';
    await post('leader', '/api/v1/reports/tertial/sections',
      { year: 2026, tertial: 2, area_id: oo, group_key: key, section: 'causes', body: 'Årsaker.', ready: true }, 200);
    await post('leader', '/api/v1/reports/tertial/sections',
      { year: 2026, tertial: 2, area_id: oo, group_key: key, section: 'nonsense', body: 'x' }, 400);
    await post('employee', '/api/v1/reports/tertial/sections', { year: 2026, tertial: 2, area_id: oo }, 403);
    await get('leader', `/api/v1/reports/tertial/sections?${q}`);
    await get('employee', `/api/v1/reports/tertial/sections?${q}`, 403);
    await get('leader', `/api/v1/reports/tertial/versions?${q}&group_key=${key}&section=causes`);
    await get('quality', `/api/v1/reports/tertial/versions?${q}&group_key=nope&section=causes`, 400);
    await post('quality', '/api/v1/reports/tertial/sections', { action: 'approve', year: 2026, tertial: 2, area_id: oo }, 200);
    await post('quality', '/api/v1/reports/tertial/sections', { action: 'approve', year: 2026, tertial: 2, area_id: oo }, 409);
    await get('quality', `/api/v1/reports/tertial?${q}`);
  }

  // Report one, handle it, read the notifications.
  const cat = (await (await call('employee', 'get', '/api/v1/categories')).json())[0];
  const dev = await post('employee', '/api/v1/deviations', {
    title: 'Kontrakt', description: 'Kontrakttest av API-et.', category: cat.code,
    occurred_at: '2026-01-01T00:30:00+01:00', severity: 2, place: 'Gymsalen' }, 201);
  await post('employee', '/api/v1/deviations', { title: '', description: 'x', category: cat.code }, 400);
  // One about a governing document (issue 14), and an unknown document.
  await post('employee', '/api/v1/deviations', { title: 'Rutine 2128 ble ikke fulgt',
    description: 'Kontrakttest.', category: cat.code, document: '2128' }, 201);
  await post('employee', '/api/v1/deviations', { title: 'x', description: 'x',
    category: cat.code, document: '99999' }, 400);
  // A photo (a 1×1 PNG) on a deviation, and the photo back.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const photo = await post('employee', '/api/v1/deviations', {
    title: 'Med bilde', description: 'Et bilde av stedet.', category: cat.code, severity: 1,
    attachments: [{ name: 'sted.png', content_type: 'image/png', data: png }] }, 201);
  if (photo?.id) {
    const one = await get('employee', `/api/v1/deviations/${photo.id}`);
    const href = one?.attachments?.[0]?.href;
    ok(typeof href === 'string', 'employee: the deviation lists its photo');
    if (href) await get('employee', href);
    await get('employee', `/api/v1/deviations/${photo.id}/attachments/999999`, 404);
  }
  if (dev?.id) {
    await get('employee', `/api/v1/deviations/${dev.id}`);
    await post('leader', `/api/v1/deviations/${dev.id}/actions`, { action: 'acknowledge' }, 200);
    await post('leader', `/api/v1/deviations/${dev.id}/actions`, { action: 'acknowledge' }, 409);
    await post('leader', `/api/v1/deviations/${dev.id}/actions`,
      { action: 'add_measure', measure: 'Sjekk utstyret', due_at: '2099-01-01' }, 200);
    await post('leader', `/api/v1/deviations/${dev.id}/actions`, { action: 'comment', text: 'Notat' }, 200);
    await post('employee', `/api/v1/deviations/${dev.id}/actions`, { action: 'close', summary: 'x' }, 403);
    await post('leader', `/api/v1/deviations/${dev.id}/actions`, { action: 'frobnicate' }, 400);
    await post('leader', `/api/v1/deviations/${dev.id}/actions`, { action: 'close', summary: 'Lært.' }, 200);
    await get('leader', `/api/v1/deviations/${dev.id}`);
  }
  await get('leader', '/api/v1/notifications');
  // The yearly wheel and the audit follow-up (issue 15).
  const wheel = await get('employee', '/api/v1/wheel?year=2030');
  await get('leader', '/api/v1/wheel?mine=1');
  await get('employee', '/api/v1/wheel?year=abc', 400);
  if (wheel?.items?.length) await get('employee', `/api/v1/wheel/tasks/${wheel.items[0].task_id}?year=2030`);
  await get('employee', '/api/v1/wheel/tasks/999999', 404);
  await post('quality', '/api/v1/wheel/tasks', { title: 'Kontrakt', freq: 'yearly_date', month: 2, day: 30, role: 'quality' }, 400);
  const task = await post('quality', '/api/v1/wheel/tasks', { title: 'Kontrakt', freq: 'monthly', day: 31, role: 'quality', starts_on: '2030-01-01' }, 201);
  if (task) {
    // Done with a file (the 1×1 PNG below), and the file back.
    const dot = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await post('quality', `/api/v1/wheel/tasks/${task.id}/actions`, { action: 'done', due_on: '2030-01-31',
      file: [{ name: 'liste.png', content_type: 'image/png', data: dot }] }, 200);
    await get('quality', `/api/v1/wheel/tasks/${task.id}/file?due_on=2030-01-31`);
    await get('quality', `/api/v1/wheel/tasks/${task.id}/file?due_on=2030-02-28`, 404);
  }
  const fu = await get('quality', '/api/v1/followup');
  await get('employee', '/api/v1/followup', 403);
  if (fu?.items?.length) await get('quality', `/api/v1/followup/${fu.items[0].id}`);
  await get('quality', '/api/v1/followup/999999', 404);
  const rep = await post('quality', '/api/v1/followup', { title: 'Kontrakt', auditor: 'KomRev', report_on: '2026-01-10' }, 201);
  if (rep) await post('quality', `/api/v1/followup/${rep.id}/actions`, { action: 'add_recommendation', letter: 'a', text: 'Tekst' }, 200);
  await get('employee', '/api/v1/notifications?unread=1');
  await post('employee', '/api/v1/notifications/read', {}, 200);
  // E-mail: one's own choice; the outbox is the administrator's.
  await get('employee', '/api/v1/me/mail');
  {
    const path = '/api/v1/me/mail';
    await check('employee', 'patch', path, await call('employee', 'patch', path, { mode: 'digest', lang: 'nn' }), 200);
    await check('employee', 'patch', path, await call('employee', 'patch', path, { mode: 'weekly' }), 400);
  }
  await get('admin', '/api/v1/mail/outbox');
  await get('employee', '/api/v1/mail/outbox', 403);
  await post('admin', '/api/v1/mail/retry', {}, 200);
  await post('employee', '/api/v1/mail/retry', {}, 403);
  // Webhooks: the administrator's; the secret once, at creation.
  const hook = await post('admin', '/api/v1/webhooks', { url: 'https://hooks.example/contract',
    events: 'deviation.reported,deviation.closed' }, 201);
  const hp = `/api/v1/webhooks/${hook ? hook.id : 1}`;
  await post('admin', '/api/v1/webhooks', { url: 'https://127.0.0.1/x', events: 'deviation.closed' }, 400);
  await post('employee', '/api/v1/webhooks', { url: 'https://hooks.example/x', events: 'deviation.closed' }, 403);
  await get('admin', '/api/v1/webhooks');
  await get('employee', '/api/v1/webhooks', 403);
  await post('admin', `${hp}/actions`, { action: 'test' }, 202);
  await get('admin', `${hp}/deliveries`);
  await post('admin', `${hp}/actions`, { action: 'bogus' }, 400);
  await post('admin', `${hp}/actions`, { action: 'remove' }, 200);
  await post('admin', `${hp}/actions`, { action: 'remove' }, 404);

  // Risk assessment (ROS): one in the school, a risk, a review; the lists.
  const ros = await post('leader', '/api/v1/risk-assessments',
    { unit_id: school.id, title: 'Kontrakt-ROS', scope: 'process', scope_text: 'Skoleskyss' }, 201);
  await post('leader', '/api/v1/risk-assessments', { unit_id: school.id, title: 'x', assessed_on: '2026-02-30' }, 400);
  await post('employee', '/api/v1/risk-assessments', { unit_id: school.id, title: 'x' }, 403);
  await get('quality', '/api/v1/risk-assessments');
  await get('leader', `/api/v1/risk-assessments?unit_id=${school.id}`);
  await get('employee', '/api/v1/risk-assessments', 403);
  if (ros?.id) {
    await get('leader', `/api/v1/risk-assessments/${ros.id}`);
    const risk = await post('leader', `/api/v1/risk-assessments/${ros.id}/actions`,
      { description: 'Elev glemt', probability: 2, impact: 4 }, 201);
    await post('leader', `/api/v1/risk-assessments/${ros.id}/actions`, { description: 'x', probability: 6, impact: 1 }, 400);
    if (risk?.id) {
      await post('leader', `/api/v1/risks/${risk.id}/actions`, { action: 'review', no_change: true }, 200);
      await post('leader', `/api/v1/risks/${risk.id}/actions`,
        { action: 'add_measure', measure: 'Navneliste', due_date: '2099-01-01' }, 200);
      await get('leader', `/api/v1/risks/${risk.id}`);
    }
  }
  await get('leader', '/api/v1/risks/999999', 404);
  // The municipality's words for the score steps, and the ROS templates.
  await get('leader', '/api/v1/risks/scale');
  const templates = await get('leader', '/api/v1/risk-templates');
  const tpl = templates?.templates?.[0];
  if (tpl?.id) await get('leader', `/api/v1/risk-templates/${tpl.id}`);
  await get('leader', '/api/v1/risk-templates/999999', 404);

  // Administration.
  const unit = await post('admin', '/api/v1/units', { code: 'KONTRAKT', name: 'Kontraktenheten', parent_id: unitId }, 201);
  await post('admin', '/api/v1/units', { code: 'KONTRAKT', name: 'Igjen' }, 409);
  await post('employee', '/api/v1/units', { code: 'X1', name: 'Nei' }, 403);
  const person = await post('admin', '/api/v1/people',
    { login: 'kontrakt.person', name: 'Kontrakt Person', unit_id: unit?.id ?? unitId }, 201);
  if (person?.id) {
    await post('admin', `/api/v1/people/${person.id}/roles`, { role: 'leader' }, 201);
    const path = `/api/v1/people/${person.id}/roles`;
    await check('admin', 'delete', path, await call('admin', 'delete', path, { role: 'leader' }), 200);
  }
  const newcat = await post('quality', '/api/v1/categories', { code: 'kontrakt', name: 'Kontrakt' }, 201);
  if (newcat?.id) {
    const path = `/api/v1/categories/${newcat.id}`;
    await check('quality', 'patch', path, await call('quality', 'patch', path, { legal: 'gdpr33', active: false }), 200);
    await check('quality', 'patch', path, await call('quality', 'patch', path, { ack_hours: 0 }), 400);
  }

  // Governing documents: the process tree, the register, one with its
  // versions and coverage, a new one through submit, approve, confirm.
  const procs = await get('quality', '/api/v1/document-processes');
  await post('quality', '/api/v1/document-processes', { name: 'Kontraktsoppfølging', parent_id: procs?.[2]?.id ?? 0 }, 201);
  await post('employee', '/api/v1/document-processes', { name: 'X' }, 403);
  const docs = await get('employee', '/api/v1/documents');
  await get('quality', '/api/v1/documents?q=avvik&status=current&due=1');
  await get('quality', '/api/v1/documents?status=bogus', 400);
  await get('employee', '/api/v1/documents/to-read');
  if (docs?.[0]?.id) {
    await get('employee', `/api/v1/documents/${docs[0].id}`);
    await get('employee', `/api/v1/documents/${docs[0].id}/versions`);
    await get('quality', `/api/v1/documents/${docs[0].id}/coverage`);
  }
  await get('employee', '/api/v1/documents/999999', 404);
  const top = await get('quality', '/api/v1/documents/reading');
  if (top?.units?.[0]?.id) await get('quality', `/api/v1/documents/reading?unit_id=${top.units[0].id}`);
  const mine = await get('leader', '/api/v1/documents/reading');
  await get('employee', '/api/v1/documents/reading', 403);
  await get('quality', '/api/v1/documents/reading?unit_id=x', 400);
  if (mine?.units?.[0]?.id) await post('leader', '/api/v1/documents/reading/remind', { unit_id: mine.units[0].id }, 200);
  await post('leader', '/api/v1/documents/reading/remind', {}, 400);
  await post('employee', '/api/v1/documents/reading/remind', { unit_id: 1 }, 403);
  const nd = await post('quality', '/api/v1/documents', { code: 'K-1', title: 'Kontraktsrutine', type: 'routine',
    process_id: procs?.[0]?.id ?? 1, body: '# Formål\n- Følg opp' }, 201);
  await post('quality', '/api/v1/documents', { code: 'K-1', title: 'Igjen', type: 'routine',
    process_id: procs?.[0]?.id ?? 1, body: 'x' }, 400);
  await post('employee', '/api/v1/documents', { code: 'K-2' }, 403);
  if (nd?.id) {
    const path = `/api/v1/documents/${nd.id}/actions`;
    await post('quality', path, { action: 'approve', approval_body: 'AMU' }, 409);
    await post('quality', path, { action: 'submit' }, 200);
    await post('quality', path, { action: 'approve', approval_body: 'AMU', approval_case: 'AMU-sak 1/2026' }, 200);
    await post('employee', path, { action: 'confirm' }, 200);
    await post('employee', path, { action: 'retire' }, 403);
  }

  // Whistleblowing: an anonymous report without an account, the receipt,
  // the reporter's view, a message; the handler's list and case (locked
  // for a token); the statistics.
  await get(null, '/api/v1/whistle/people?q=Bj%C3%B8rn');
  await get(null, '/api/v1/whistle/people?q=ab', 400);
  const wb = await post(null, '/api/v1/whistle/reports', {
    concerns: 'employee', reporter_category: 'hired', unit_id: school.id, anonymous: true,
    what: 'Noe kritikkverdig skjedde.', why_censurable: 'Det bryter rutinene.' }, 201);
  await post(null, '/api/v1/whistle/reports', { concerns: 'employee' }, 400);
  if (wb?.receipt_code) {
    const rr = await call(null, 'post', '/api/v1/whistle/receipt', { receipt_code: wb.receipt_code });
    const cookie = (rr.headers.get('set-cookie') || '').split(';')[0];
    await check('reporter', 'post', '/api/v1/whistle/receipt', rr, 200);
    const mine = await check('reporter', 'get', '/api/v1/whistle/reports/mine',
      await call(null, 'get', '/api/v1/whistle/reports/mine', undefined, { Cookie: cookie }), 200);
    await check('reporter', 'post', `/api/v1/whistle/reports/${wb.id}/messages`,
      await call(null, 'post', `/api/v1/whistle/reports/${wb.id}/messages`, { text: 'Mer informasjon.' },
        { Cookie: cookie }), 201);
    ok(Array.isArray(mine) && mine.length === 1, 'reporter: the receipt shows the one report');
  }
  await post(null, '/api/v1/whistle/receipt', { receipt_code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }, 401);
  await get('leader', '/api/v1/whistle/reports/mine', 403);
  const cases = (await get('leader', '/api/v1/whistle/cases'))?.items;
  for (const c of (cases ?? []).slice(0, 3)) await get('leader', `/api/v1/whistle/cases/${c.id}`);
  await get('employee', `/api/v1/whistle/cases/${wb?.id ?? 1}`, 404);
  if (cases?.length) {
    await post('leader', `/api/v1/whistle/cases/${cases[0].id}/actions`, { action: 'declare_impartial' }, 200);
    await post('leader', `/api/v1/whistle/cases/${cases[0].id}/actions`, { action: 'acknowledge' }, 403);
    await get('leader', `/api/v1/whistle/cases/${cases[0].id}/attachments/1`, 403);
  }
  await get('safety', '/api/v1/whistle/stats');
  await get('safety', '/api/v1/whistle/stats?year=all');
  await get('safety', '/api/v1/whistle/stats?year=nonsense', 400);
  await get('admin', '/api/v1/whistle/stats', 403);
  await get('safety', '/api/v1/whistle/holds');
  await get('admin', '/api/v1/whistle/holds', 403);
  await post('safety', '/api/v1/whistle/holds/999999/release', {}, 404);
  await post('admin', '/api/v1/whistle/holds/999999/release', {}, 403);

  // Every documented GET was called at least once.
  const called = new Set(calledGets);
  for (const [tpl, item] of Object.entries(api.paths))
    if (item.get) ok(called.has(tpl), `GET ${tpl} is exercised`);
} catch (e) {
  ok(false, 'the run finished', e.stack + '\n' + serverLog);
} finally {
  clearTimeout(killer);
  if (server.exitCode === null) {
    const gone = new Promise(r => server.once('exit', r));
    server.kill('SIGTERM');
    await gone;
  }
  rmSync(dir, { recursive: true, force: true });
}
console.log(`1..${n}`);
process.exit(failed === 0 ? 0 : 1);
