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
