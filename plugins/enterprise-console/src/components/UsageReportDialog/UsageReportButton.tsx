import { enterpriseConsoleReportExportPermission } from '@internal/plugin-enterprise-console-common';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import { useConsolePermission } from '../../permissions';
import { UsageReportDialog } from './UsageReportDialog';

/**
 * "Generate usage report" for one tenant, shown only to users who may
 * export its account's reports; opens the usage report dialog.
 */
export function UsageReportButton(props: {
  tenant: { id: string; name: string; accountId: string };
}) {
  const { tenant } = props;
  const { allowed } = useConsolePermission(
    enterpriseConsoleReportExportPermission,
    tenant.accountId,
  );
  const [open, setOpen] = useState(false);
  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button variant="contained" color="primary" onClick={() => setOpen(true)}>
        Generate usage report
      </Button>
      {open && (
        <UsageReportDialog
          open
          onClose={() => setOpen(false)}
          accountId={tenant.accountId}
          tenantIds={[tenant.id]}
          summary={`The report holds the tenant ${tenant.name} (${tenant.id}).`}
        />
      )}
    </>
  );
}
