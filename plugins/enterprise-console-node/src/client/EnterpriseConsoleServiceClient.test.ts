import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { EnterpriseConsoleServiceClient } from './EnterpriseConsoleServiceClient';

/** A client whose fetch answers from a list and records each request. */
function clientAnswering(responses: Response[]) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const client = new EnterpriseConsoleServiceClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth({ pluginId: 'catalog' }),
    fetchApi: {
      fetch: (async (url: string, init: RequestInit) => {
        requests.push({ url, init });
        return responses.shift()!;
      }) as unknown as typeof fetch,
    },
  });
  return { client, requests };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('EnterpriseConsoleServiceClient', () => {
  it('reads every page of tenants with a service token for the console', async () => {
    const { client, requests } = clientAnswering([
      json(200, { items: [{ id: 'a' }], nextCursor: 'next=' }),
      json(200, { items: [{ id: 'b' }] }),
    ]);
    await expect(client.listTenants()).resolves.toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
    expect(requests.map(r => r.url.replace(/^.*\/api\//, ''))).toEqual([
      'enterprise-console/v1/tenants?limit=1000',
      'enterprise-console/v1/tenants?limit=1000&cursor=next%3D',
    ]);
    // As the catalog plugin, addressed to the console.
    expect(
      requests.map(
        r => (r.init.headers as Record<string, string>).Authorization,
      ),
    ).toEqual(
      Array(2).fill(
        `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.service('plugin:catalog'),
          targetPluginId: 'enterprise-console',
        })}`,
      ),
    );
  });

  it('reads accounts from /v1/accounts', async () => {
    const { client, requests } = clientAnswering([
      json(200, { items: [{ id: 'acme' }] }),
    ]);
    await expect(client.listAccounts()).resolves.toEqual([{ id: 'acme' }]);
    expect(requests[0].url).toMatch(
      /\/api\/enterprise-console\/v1\/accounts\?limit=1000$/,
    );
  });

  it('posts the sign-up check as JSON', async () => {
    const { client, requests } = clientAnswering([
      json(200, { allowed: true }),
    ]);
    await expect(
      client.checkSignup({ email: 'a@acme.com', providerId: 'guest' }),
    ).resolves.toEqual({ allowed: true });
    expect(requests[0].url).toMatch(
      /\/api\/enterprise-console\/v1\/signup-check$/,
    );
    expect(requests[0].init.method).toBe('POST');
    expect(JSON.parse(String(requests[0].init.body))).toEqual({
      email: 'a@acme.com',
      providerId: 'guest',
    });
  });

  it("reads a tenant's features, its id encoded in the path", async () => {
    const features = {
      tenantId: 'acme-a',
      planId: 'standard',
      edition: 'standard',
      granted: ['api-access', 'sms-reminders'],
      inUse: ['sms-reminders'],
    };
    const { client, requests } = clientAnswering([json(200, features)]);
    await expect(client.getTenantFeatures('acme-a')).resolves.toEqual(features);
    const notFound = clientAnswering([
      json(404, { error: { name: 'NotFoundError', message: 'No' } }),
    ]);
    await expect(
      notFound.client.getTenantFeatures('a/b?c'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
    expect(requests[0].url).toMatch(
      /\/api\/enterprise-console\/v1\/billing\/tenants\/acme-a\/features$/,
    );
    expect(notFound.requests[0].url).toMatch(
      /\/v1\/billing\/tenants\/a%2Fb%3Fc\/features$/,
    );
  });

  it("throws a ResponseError with the console's status and error", async () => {
    // The error body every Backstage backend sends.
    const body = {
      error: { name: 'NotAllowedError', message: 'No' },
      request: { method: 'GET', url: '/v1/tenants' },
      response: { statusCode: 403 },
    };
    const { client } = clientAnswering([json(403, body)]);
    await expect(client.listTenants()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      body,
    });
  });
});
