import { InputError, NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import request from 'supertest';
import { apiApp } from '../__testUtils__/apiApp';

/** A stand-in area that records what reached it. */
function stubRouter() {
  const calls: string[] = [];
  const router = Router();
  router.get('/v1/report-runs/:id', req => {
    calls.push(req.url);
    throw new NotFoundError('x');
  });
  router.put('/v1/accounts/:accountId', req => {
    calls.push(`${req.url} ${JSON.stringify(req.body)}`);
    throw new InputError('x');
  });
  router.post('/v1/ingest', async (req, res) => {
    let raw = '';
    for await (const chunk of req) {
      raw += chunk;
    }
    calls.push(raw);
    res.json({ accepted: 0, unchanged: 0, rejected: [], rejectedCount: 0 });
  });
  return { router, calls };
}

describe('rejectNulCharacters, in the API router', () => {
  it.each([
    ['/v1/report-runs/%00', 'Invalid path: id must not contain NUL characters'],
    [
      '/v1/accounts/a%00b/tiles',
      'Invalid path: accountId must not contain NUL characters',
    ],
    ['/v1/nowhere/%00', 'Invalid path: path must not contain NUL characters'],
    [
      '/v1/report-runs/r?cursor=%00',
      'Invalid query: cursor must not contain NUL characters',
    ],
    [
      '/v1/report-runs/r?tenantIds=a&tenantIds=b%00',
      'Invalid query: tenantIds[1] must not contain NUL characters',
    ],
    [
      '/v1/report-runs/r?f%5Bg%5D=%00',
      'Invalid query: f.g must not contain NUL characters',
    ],
    [
      '/v1/report-runs/r?a%00=1',
      'Invalid query: a field name must not contain NUL characters',
    ],
  ])('answers 400 for GET %s before the area', async (url, message) => {
    const { router, calls } = stubRouter();
    const res = await request(await apiApp(router)).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
    expect(calls).toEqual([]);
  });

  it.each([
    [{ name: 'a\u0000' }, 'Invalid body: name must not contain NUL characters'],
    [
      { adminRefs: ['group:default/a', 'b\u0000'] },
      'Invalid body: adminRefs[1] must not contain NUL characters',
    ],
    [
      { sso: { bindings: [{ domain: '\u0000' }] } },
      'Invalid body: sso.bindings[0].domain must not contain NUL characters',
    ],
    [
      { 'x\u0000': 1 },
      'Invalid body: a field name must not contain NUL characters',
    ],
  ])('answers 400 for a JSON body %j', async (body, message) => {
    const { router, calls } = stubRouter();
    const res = await request(await apiApp(router))
      .put('/v1/accounts/acme')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
    expect(calls).toEqual([]);
  });

  it('checks a deeply nested body without exhausting the stack', async () => {
    const { router, calls } = stubRouter();
    const depth = 100_000;
    const res = await request(await apiApp(router))
      .put('/v1/accounts/acme')
      .set('Content-Type', 'application/json')
      .send(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/must not contain NUL characters$/);
    expect(calls).toEqual([]);
  });

  it('lets text without NUL through, and leaves ingestion streams to their readers', async () => {
    const { router, calls } = stubRouter();
    const app = await apiApp(router);
    const clean = await request(app).put('/v1/accounts/acme').send({
      name: 'Ωmega 💩',
    });
    expect(clean.status).toBe(400);
    expect(clean.body.error.message).toBe('x');
    const ingest = await request(app)
      .post('/v1/ingest')
      .set('Content-Type', 'application/x-ndjson')
      .send('{"name":"a\\u0000"}\n');
    expect(ingest.status).toBe(200);
    expect(calls).toEqual([
      '/v1/accounts/acme {"name":"Ωmega 💩"}',
      '{"name":"a\\u0000"}\n',
    ]);
  });
});
