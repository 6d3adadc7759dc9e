import { ResponseError } from '@backstage/errors';
import { EnterpriseConsoleClient } from './EnterpriseConsoleClient';

function clientAnswering(response: Response) {
  const urls: string[] = [];
  const client = new EnterpriseConsoleClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backend.test/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (input: any) => {
        urls.push(String(input));
        return response;
      },
    },
  });
  return { client, urls };
}

describe('EnterpriseConsoleClient', () => {
  it('asks for a page of accounts with limit and cursor', async () => {
    const page = { items: [], totalCount: 0 };
    const { client, urls } = clientAnswering(
      new Response(JSON.stringify(page), { status: 200 }),
    );
    await expect(
      client.listAccounts({ limit: 50, cursor: 'abc=' }),
    ).resolves.toEqual(page);
    expect(urls).toEqual([
      'http://backend.test/api/enterprise-console/v1/accounts?limit=50&cursor=abc%3D',
    ]);
  });

  it('asks without a query string by default', async () => {
    const { client, urls } = clientAnswering(
      new Response(JSON.stringify({ items: [], totalCount: 0 })),
    );
    await client.listAccounts();
    expect(urls).toEqual([
      'http://backend.test/api/enterprise-console/v1/accounts',
    ]);
  });

  it('turns an error answer into a ResponseError with the server message', async () => {
    const { client } = clientAnswering(
      new Response(
        JSON.stringify({
          error: { name: 'InputError', message: 'Invalid limit' },
          request: { method: 'GET', url: '/v1/accounts' },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const error = await client.listAccounts().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error).toEqual({
      name: 'InputError',
      message: 'Invalid limit',
    });
  });
});
