import { RecordingDataWriter } from '@internal/plugin-enterprise-console-node/testUtils';
import { generateDemoData } from './generateDemoData';

const referenceDate = new Date('2026-11-22T15:00:00Z');

describe('generateDemoData', () => {
  it('gives the same data for the same seed, scale and day', () => {
    const a = generateDemoData({ seed: 42, scale: 1, referenceDate });
    const b = generateDemoData({
      seed: 42,
      scale: 1,
      referenceDate: new Date('2026-11-22T01:00:00Z'),
    });
    expect(b).toEqual(a);
  });

  it('gives different tenants for another seed', () => {
    const a = generateDemoData({ seed: 42, scale: 1, referenceDate });
    const b = generateDemoData({ seed: 7, scale: 1, referenceDate });
    expect(b.accounts).toEqual(a.accounts);
    expect(b.tenants.map(t => t.id)).not.toEqual(a.tenants.map(t => t.id));
  });

  it('makes five accounts and 41 tenants at scale 1', () => {
    const data = generateDemoData({ seed: 42, scale: 1, referenceDate });
    expect(data.accounts.map(a => a.id)).toEqual([
      'acme-health',
      'globex-logistics',
      'initech-field',
      'umbrella-ngo',
      'stark-labs',
    ]);
    const perAccount = new Map<string, number>();
    for (const tenant of data.tenants) {
      perAccount.set(
        tenant.accountId,
        (perAccount.get(tenant.accountId) ?? 0) + 1,
      );
    }
    expect(Object.fromEntries(perAccount)).toEqual({
      'acme-health': 18,
      'globex-logistics': 14,
      'initech-field': 6,
      'umbrella-ngo': 3,
    });
  });

  it('scales the number of tenants', () => {
    const data = generateDemoData({ seed: 42, scale: 10, referenceDate });
    expect(data.tenants).toHaveLength(410);
    expect(new Set(data.tenants.map(t => t.id)).size).toBe(410);
  });

  it('creates tenants in the three years before the reference day', () => {
    const data = generateDemoData({ seed: 42, scale: 3, referenceDate });
    for (const tenant of data.tenants) {
      const created = Date.parse(tenant.createdAt);
      expect(created).toBeLessThan(Date.parse('2026-11-22T00:00:00Z'));
      expect(created).toBeGreaterThanOrEqual(
        Date.parse('2023-11-23T00:00:00Z'),
      );
    }
  });

  it('writes only tenants of accounts written before them', async () => {
    const writer = new RecordingDataWriter();
    const data = generateDemoData({ seed: 1, scale: 2, referenceDate });
    for (const account of data.accounts) await writer.upsertAccount(account);
    for (const tenant of data.tenants) await writer.upsertTenant(tenant);
    expect(writer.tenants.size).toBe(82);
  });

  it.each([
    [{ seed: 1.5, scale: 1 }, 'seed must be a whole number'],
    [{ seed: 1, scale: 0 }, 'scale must be above 0'],
    [{ seed: 1, scale: 5000 }, 'at most 1000'],
  ])('refuses %j', (options, message) => {
    expect(() => generateDemoData({ ...options, referenceDate })).toThrow(
      message,
    );
  });

  it('covers every record type and the edge cases reports handle', () => {
    const { tenants, records } = generateDemoData({
      seed: 42,
      scale: 1,
      referenceDate,
    });
    const byType = (type: string) =>
      records.filter(r => r.type === type) as any[];
    const users = byType('user');
    const forms = byType('form');
    const sms = byType('sms');
    const feedsPerTenant = new Map(tenants.map(t => [t.id, 0]));
    for (const feed of byType('feed')) {
      feedsPerTenant.set(feed.tenantId, feedsPerTenant.get(feed.tenantId)! + 1);
    }
    const webUserIds = new Set(
      users.filter(u => u.kind === 'web').map(u => `${u.tenantId}/${u.id}`),
    );

    expect(users.length).toBeGreaterThan(1000);
    expect(forms.length).toBeGreaterThan(3000);
    expect(byType('app').length).toBeGreaterThan(0);
    expect(
      users.some(u => u.status === 'inactive' && u.kind === 'mobile'),
    ).toBe(true);
    expect(users.some(u => u.status === 'inactive' && u.kind === 'web')).toBe(
      true,
    );
    expect(
      users.some(u => u.kind === 'mobile' && u.username.includes('@')),
    ).toBe(true);
    expect(byType('invitation').length).toBeGreaterThan(0);
    expect(forms.some(f => f.system)).toBe(true);
    expect(forms.some(f => f.appId === 'retired-app')).toBe(true);
    expect(forms.some(f => f.formName === undefined)).toBe(true);
    expect(forms.some(f => webUserIds.has(`${f.tenantId}/${f.userId}`))).toBe(
      true,
    );
    expect([...feedsPerTenant.values()]).toContain(0);
    expect(Math.max(...feedsPerTenant.values())).toBeGreaterThan(150);
    expect(sms.some(m => m.parts > 1)).toBe(true);
    expect(sms.some(m => m.valid === false)).toBe(true);
    expect(sms.some(m => m.gatewayFee === undefined)).toBe(true);
    expect(new Set(byType('usage').map(u => u.meter))).toEqual(
      new Set(['voice-minutes', 'api-calls']),
    );
  });

  it('dates activity in the 120 days before the reference day, with the last 30 populated', () => {
    const { records } = generateDemoData({ seed: 42, scale: 1, referenceDate });
    const day = Date.parse('2026-11-22T00:00:00Z');
    const times = records
      .flatMap(r => [(r as any).submittedAt, (r as any).sentAt, (r as any).at])
      .filter(Boolean)
      .map(t => Date.parse(t));
    expect(Math.max(...times)).toBeLessThan(day);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(day - 120 * 86_400_000);
    expect(
      times.filter(t => t >= day - 30 * 86_400_000).length,
    ).toBeGreaterThan(1000);
  });

  it('gives records whose keys are unique and whose tenants exist', async () => {
    const writer = new RecordingDataWriter();
    const data = generateDemoData({ seed: 3, scale: 1, referenceDate });
    for (const account of data.accounts) await writer.upsertAccount(account);
    for (const tenant of data.tenants) await writer.upsertTenant(tenant);
    const result = await writer.ingest(data.records);
    expect(result.rejectedCount).toBe(0);
    expect(result.accepted).toBe(data.records.length);
  });
});

describe('the demo tenant linked from examples/entities.yaml', () => {
  it('exists with seed 42 at scale 1', () => {
    const data = generateDemoData({ seed: 42, scale: 1, referenceDate });
    expect(data.tenants.map(t => t.id)).toContain('acme-asset-audit-za-015');
  });
});
