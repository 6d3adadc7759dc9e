import {
  enterpriseConsolePermissions,
  enterpriseConsolePermissionsByShortName,
} from './permissions';

describe('enterprise console permissions', () => {
  it('are exactly the contract of permissions.md', () => {
    expect(
      enterpriseConsolePermissions.map(p => [
        p.name,
        p.type === 'resource' ? p.resourceType : 'basic',
      ]),
    ).toEqual([
      ['enterprise-console.console.read', 'enterprise-account'],
      ['enterprise-console.report.export', 'enterprise-account'],
      ['enterprise-console.schedule.manage', 'enterprise-account'],
      ['enterprise-console.settings.read', 'enterprise-account'],
      ['enterprise-console.settings.update', 'enterprise-account'],
      ['enterprise-console.billing.read', 'enterprise-account'],
      ['enterprise-console.billing.manage', 'basic'],
      ['enterprise-console.tenant.read', 'enterprise-tenant'],
      ['enterprise-console.tenant.create', 'basic'],
      ['enterprise-console.tenant.plan.change', 'enterprise-tenant'],
      ['enterprise-console.data.ingest', 'basic'],
      ['enterprise-console.account.admins.manage', 'basic'],
      ['enterprise-console.account.list', 'basic'],
      ['enterprise-console.domain.approve', 'basic'],
    ]);
  });

  it('are found by the short names role config uses', () => {
    expect(enterpriseConsolePermissionsByShortName['console.read'].name).toBe(
      'enterprise-console.console.read',
    );
    expect(
      enterpriseConsolePermissionsByShortName['tenant.plan.change'].name,
    ).toBe('enterprise-console.tenant.plan.change');
    expect(Object.keys(enterpriseConsolePermissionsByShortName)).toHaveLength(
      14,
    );
    expect(
      enterpriseConsolePermissionsByShortName['account.admins.manage'].name,
    ).toBe('enterprise-console.account.admins.manage');
  });
});
