import { generateDemoBilling } from './generateDemoBilling';
import { generateDemoData } from './generateDemoData';

describe('generateDemoBilling', () => {
  const referenceDate = new Date('2026-11-30T15:00:00Z');
  const data = generateDemoData({ seed: 42, scale: 1, referenceDate });
  const billing = generateDemoBilling(data.tenants, referenceDate);

  it('subscribes every tenant exactly once', () => {
    expect(billing.subscriptions.map(s => s.tenantId).sort()).toEqual(
      data.tenants.map(t => t.id).sort(),
    );
  });

  it('covers every edition of the default catalogue and every term', () => {
    expect(new Set(billing.subscriptions.map(s => s.planId))).toEqual(
      new Set(['community', 'standard', 'pro', 'advanced', 'enterprise']),
    );
    const terms = new Set(
      billing.subscriptions.flatMap(s => [
        s.proBono ?? 'full-price',
        s.serviceType ?? 'product',
      ]),
    );
    expect(terms).toEqual(
      new Set([
        'full-price',
        'discounted',
        'pro-bono',
        'product',
        'implementation',
        'trial',
      ]),
    );
    const discounted = billing.subscriptions.filter(
      s => s.proBono === 'discounted',
    );
    expect(discounted.every(s => s.discountPercent === 20)).toBe(true);
  });

  it('asks for downgrades within the 30-day minimum, so they are scheduled', () => {
    expect(billing.changes.length).toBeGreaterThan(0);
    for (const change of billing.changes) {
      const running = billing.subscriptions.find(
        s => s.tenantId === change.tenantId,
      )!;
      expect(running.planId).toBe('pro');
      expect(change.planId).toBe('standard');
      expect(change.date).toBe('2026-11-30');
      const days =
        (Date.parse(change.date) - Date.parse(running.startDate)) / 86400000;
      expect(days).toBeLessThan(30);
    }
  });

  it('has a pending pro-bono and a developer application from the demo tenant admin', () => {
    expect(
      billing.applications.map(a => [a.application.kind, a.applicant]),
    ).toEqual([
      ['pro-bono', 'user:default/demo-tenant-admin'],
      ['developer', 'user:default/demo-tenant-admin'],
    ]);
  });

  it('makes the demo tenant admin an active Admin of the tenants that apply', () => {
    const admins = data.records.filter(
      r => r.type === 'user' && r.username === 'demo-tenant-admin',
    );
    const applying = billing.applications.map(a => a.application.tenantId);
    for (const tenantId of applying) {
      expect(admins).toContainEqual(
        expect.objectContaining({ tenantId, role: 'Admin', status: 'active' }),
      );
    }
  });
});
