import { mockServices } from '@backstage/backend-test-utils';
import { EnterpriseConsoleServiceClient } from '@internal/plugin-enterprise-console-node';
import { ConsoleSignupChecker } from './ConsoleSignupChecker';

function client(responses: Array<Response | Error>) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fakeFetch = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    const next = responses.shift()!;
    if (next instanceof Error) {
      throw next;
    }
    return next;
  }) as unknown as typeof fetch;
  return {
    requests,
    client: new ConsoleSignupChecker({
      client: new EnterpriseConsoleServiceClient({
        discovery: mockServices.discovery(),
        auth: mockServices.auth({ pluginId: 'auth' }),
        fetchApi: { fetch: fakeFetch },
      }),
      retryDelaysMs: [1, 1],
    }),
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ConsoleSignupChecker', () => {
  it('asks the console as the auth plugin', async () => {
    const { client: c, requests } = client([
      json(200, { allowed: false, accountId: 'acme', message: 'No' }),
    ]);
    await expect(
      c.check({ email: 'a@acme.com', providerId: 'guest' }),
    ).resolves.toEqual({ allowed: false, accountId: 'acme', message: 'No' });
    expect(requests[0].url).toMatch(
      /\/api\/enterprise-console\/v1\/signup-check$/,
    );
    expect(JSON.parse(String(requests[0].init.body))).toEqual({
      email: 'a@acme.com',
      providerId: 'guest',
    });
    expect(
      (requests[0].init.headers as Record<string, string>).Authorization,
    ).toMatch(/^Bearer /);
  });

  it('retries while the console is not up yet', async () => {
    const { client: c, requests } = client([
      json(404, { error: { name: 'NotFoundError', message: 'x' } }),
      new Error('ECONNRESET'),
      json(200, { allowed: true }),
    ]);
    await expect(c.check({ email: 'a@acme.com' })).resolves.toEqual({
      allowed: true,
    });
    expect(requests).toHaveLength(3);
  });

  it('gives up after the retries', async () => {
    const { client: c } = client([json(503, {}), json(503, {}), json(503, {})]);
    await expect(c.check({ email: 'a@acme.com' })).rejects.toMatchObject({
      name: 'ResponseError',
    });
  });

  it('refuses an email the console cannot judge (400), without retrying', async () => {
    const { client: c, requests } = client([
      json(400, {}),
      json(200, { allowed: true }),
    ]);
    await expect(c.check({ email: 'a@localhost' })).resolves.toEqual({
      allowed: false,
      message:
        'This email address cannot be checked against the sign-up policy, so it may not sign in.',
    });
    expect(requests).toHaveLength(1);
  });
});
