import { RecordingDataWriter } from './RecordingDataWriter';

describe('RecordingDataWriter', () => {
  it('keeps the last write per id and groups tenants by account', async () => {
    const writer = new RecordingDataWriter();
    await writer.upsertAccount({ id: 'acme', name: 'Acme' });
    await writer.upsertAccount({ id: 'acme', name: 'Acme Corp' });
    await writer.upsertAccount({ id: 'globex', name: 'Globex' });
    await writer.upsertTenant({
      id: 't1',
      accountId: 'acme',
      name: 'One',
      createdAt: '2026-01-01T00:00:00Z',
    });
    await writer.upsertTenant({
      id: 't2',
      accountId: 'globex',
      name: 'Two',
      createdAt: '2026-01-01T00:00:00Z',
    });
    await writer.upsertTenant({
      id: 't1',
      accountId: 'globex',
      name: 'One, moved',
      createdAt: '2026-01-01T00:00:00Z',
    });

    expect(writer.accounts.get('acme')?.name).toBe('Acme Corp');
    expect(writer.tenants.size).toBe(2);
    expect(Object.fromEntries(writer.tenantsByAccount())).toEqual({
      globex: ['t1', 't2'],
    });
  });

  it('refuses a tenant of an unknown account', async () => {
    const writer = new RecordingDataWriter();
    await expect(
      writer.upsertTenant({
        id: 't1',
        accountId: 'nope',
        name: 'One',
        createdAt: '2026-01-01T00:00:00Z',
      }),
    ).rejects.toThrow('unknown account nope');
  });
});

describe('RecordingDataWriter.ingest', () => {
  it('upserts records, counts re-sends as unchanged and refuses unknown tenants', async () => {
    const writer = new RecordingDataWriter();
    await writer.upsertAccount({ id: 'acme', name: 'Acme' });
    await writer.upsertTenant({
      id: 't1',
      accountId: 'acme',
      name: 'One',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const app = { type: 'app', tenantId: 't1', id: 'a1', name: 'App' } as const;
    expect(
      await writer.ingest([
        app,
        { type: 'app', tenantId: 'nope', id: 'a2', name: 'Lost' },
      ]),
    ).toEqual({
      accepted: 1,
      unchanged: 0,
      rejected: [
        { index: 1, id: 'a2', message: 'tenantId nope does not exist' },
      ],
      rejectedCount: 1,
    });
    expect(await writer.ingest([app])).toMatchObject({
      accepted: 0,
      unchanged: 1,
    });
    expect(await writer.ingest([{ ...app, name: 'Renamed' }])).toMatchObject({
      accepted: 1,
    });
    expect(writer.recordsOfType('app')).toEqual([{ ...app, name: 'Renamed' }]);
  });
});
