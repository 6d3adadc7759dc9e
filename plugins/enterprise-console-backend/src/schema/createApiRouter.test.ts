import Router from 'express-promise-router';
import request from 'supertest';
import { apiApp } from '../__testUtils__/apiApp';

/** A stand-in area whose answers are right or wrong by openapi.yaml. */
function stubRouter() {
  const calls: string[] = [];
  const router = Router();
  router.get('/v1/accounts', (req, res) => {
    calls.push(req.url);
    res.json(
      req.query.wrong
        ? { items: [{ id: 'acme' }], totalCount: 'one' }
        : { items: [], totalCount: 0 },
    );
  });
  router.post('/v1/ingest', async (req, res) => {
    let raw = '';
    for await (const chunk of req) {
      raw += chunk;
    }
    calls.push(`${req.url} ${raw}`);
    res.json({ accepted: 0, unchanged: 0, rejected: [], rejectedCount: 0 });
  });
  return { router, calls };
}

describe('createApiRouter', () => {
  it('lets an answer that keeps openapi.yaml through', async () => {
    const { router, calls } = stubRouter();
    const res = await request(await apiApp(router)).get('/v1/accounts?limit=5');
    expect(res.status).toBe(200);
    expect(calls).toEqual(['/v1/accounts?limit=5']);
  });

  it('fails, under test, an answer that breaks openapi.yaml', async () => {
    const { router } = stubRouter();
    const res = await request(await apiApp(router)).get('/v1/accounts?wrong=1');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(/totalCount|name|tenantCount/);
  });

  it('leaves request validation to the handlers, after authorization', async () => {
    const { router, calls } = stubRouter();
    const res = await request(await apiApp(router)).get(
      '/v1/accounts?color=red',
    );
    expect(res.status).toBe(200);
    expect(calls).toEqual(['/v1/accounts?color=red']);
  });

  it('leaves ingestion bodies unread for the ingest area to stream', async () => {
    const { router, calls } = stubRouter();
    const res = await request(await apiApp(router))
      .post('/v1/ingest')
      .set('Content-Type', 'application/json')
      .send('{"records": []}');
    expect(res.status).toBe(200);
    expect(calls).toEqual(['/v1/ingest {"records": []}']);
  });
});
