import { useApi } from '@backstage/core-plugin-api';
import {
  BillingPlan,
  enterpriseConsoleTenantPlanChangePermission,
} from '@internal/plugin-enterprise-console-common';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { useConsolePermission } from '../../permissions';
import { ApplicationDialog } from './ApplicationDialog';

/**
 * "Apply for a plan" for one tenant, shown only to users who may change
 * its plan (tenant.plan.change on it); opens the application form.
 */
export function ApplyForPlanButton(props: {
  tenant: { id: string; name: string };
  onSubmitted: (message: string) => void;
}) {
  const { tenant, onSubmitted } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const { allowed } = useConsolePermission(
    enterpriseConsoleTenantPlanChangePermission,
    tenant.id,
  );
  const [open, setOpen] = useState(false);
  // The plan list is a nicety of the form: it works without it.
  const plans = useAsync(
    async () =>
      open ? api.listBillingPlans().catch(() => [] as BillingPlan[]) : [],
    [api, open],
  );
  if (!allowed) return null;
  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        style={{ marginLeft: 8 }}
        onClick={() => setOpen(true)}
      >
        Apply for a plan
      </Button>
      {open && (
        <ApplicationDialog
          tenant={tenant}
          plans={plans.value ?? []}
          onClose={() => setOpen(false)}
          onSubmitted={() => {
            setOpen(false);
            onSubmitted(
              `Application sent for ${tenant.name}; a billing admin reviews it and you are notified of the decision. Follow it under Billing → Applications.`,
            );
          }}
        />
      )}
    </>
  );
}
