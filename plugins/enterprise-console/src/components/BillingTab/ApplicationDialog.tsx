import {
  BillingApplication,
  BillingPlan,
  enterpriseConsoleTenantPlanChangePermission,
} from '@internal/plugin-enterprise-console-common';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { enterpriseConsoleApiRef } from '../../api';
import { serverMessage } from '../../lib/serverMessage';
import { useConsolePermission } from '../../permissions';
import {
  APPLICATION_LIMITS,
  ApplicationForm,
  applicationProblems,
  applicationRequest,
  emptyApplicationForm,
} from './applicationForm';
import { TenantSearchField } from './TenantSearchField';

/** Reports whether the user may not apply for the tenant (tenant.plan.change). */
function PlanChangeCheck(props: {
  tenantId: string;
  onRefused: (refused: boolean) => void;
}) {
  const { tenantId, onRefused } = props;
  const { loading, allowed } = useConsolePermission(
    enterpriseConsoleTenantPlanChangePermission,
    tenantId,
  );
  useEffect(() => {
    onRefused(!loading && !allowed);
  }, [loading, allowed, onRefused]);
  return null;
}

const DEFAULT_PLAN_NAME: Record<ApplicationForm['kind'], string> = {
  'pro-bono': 'Standard',
  developer: 'Community',
};

/**
 * A tenant admin's application for a pro-bono plan (organisation, reason,
 * expected users, pilot months) or a developer plan (what they integrate).
 * `tenant` fixes the tenant (the tenant's page); otherwise one is searched.
 * Billing admins review it under Billing → Applications.
 */
export function ApplicationDialog(props: {
  tenant?: { id: string; name: string };
  plans: BillingPlan[];
  onSubmitted: (application: BillingApplication) => void;
  onClose: () => void;
}) {
  const { tenant, plans, onSubmitted, onClose } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [form, setForm] = useState(() => emptyApplicationForm(tenant?.id));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  // Whether the chosen tenant refuses the caller; asked only once a tenant
  // is chosen (a resource permission needs its resource).
  const [refused, setRefused] = useState(false);
  const problems = applicationProblems(form);
  const shown = submitted ? problems : {};

  const set = (key: keyof ApplicationForm) => (value: string) =>
    setForm(current => ({ ...current, [key]: value }));
  const text = (
    key: keyof ApplicationForm,
    label: string,
    options: { max?: number; multiline?: boolean; number?: boolean } = {},
  ) => (
    <TextField
      fullWidth
      margin="dense"
      variant="outlined"
      id={`application-${key}`}
      label={label}
      required
      multiline={options.multiline}
      minRows={options.multiline ? 3 : undefined}
      type={options.number ? 'number' : 'text'}
      value={form[key]}
      onChange={event => set(key)(event.target.value)}
      inputProps={options.max ? { maxLength: options.max } : undefined}
      error={!!shown[key]}
      helperText={shown[key]}
    />
  );

  const submit = async () => {
    setSubmitted(true);
    if (Object.keys(problems).length > 0 || refused) return;
    setSaving(true);
    setFailure(undefined);
    try {
      onSubmitted(await api.createBillingApplication(applicationRequest(form)));
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  const titleId = 'billing-application-title';
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>
        Apply for a plan{tenant ? ` for ${tenant.name}` : ''}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          A billing admin reviews your application and you are notified of the
          decision. Pro-bono plans are for non-profit organisations; developer
          plans for building an integration.
        </DialogContentText>
        {!tenant && (
          <Box mb={1}>
            <TenantSearchField
              value={form.tenantId}
              onChange={tenantId => {
                setRefused(false);
                set('tenantId')(tenantId);
              }}
              error={shown.tenantId}
            />
          </Box>
        )}
        {!tenant && form.tenantId && (
          <PlanChangeCheck
            key={form.tenantId}
            tenantId={form.tenantId}
            onRefused={setRefused}
          />
        )}
        {refused && (
          <Box mb={1}>
            <Alert severity="warning">
              You may not apply for this tenant: that needs the permission
              enterprise-console.tenant.plan.change on it.
            </Alert>
          </Box>
        )}
        <FormLabel component="legend">Kind of plan</FormLabel>
        <RadioGroup
          row
          aria-label="Kind of plan"
          value={form.kind}
          onChange={event =>
            setForm(current => ({
              ...current,
              kind: event.target.value as ApplicationForm['kind'],
            }))
          }
        >
          <FormControlLabel
            value="pro-bono"
            control={<Radio />}
            label="Pro bono"
          />
          <FormControlLabel
            value="developer"
            control={<Radio />}
            label="Developer"
          />
        </RadioGroup>
        <TextField
          select
          fullWidth
          margin="dense"
          variant="outlined"
          id="application-plan"
          label="Plan"
          // The empty value is the kind's default plan; show it as such.
          InputLabelProps={{ shrink: true }}
          SelectProps={{ displayEmpty: true }}
          value={form.planId}
          onChange={event => set('planId')(event.target.value)}
        >
          <MenuItem value="">Default ({DEFAULT_PLAN_NAME[form.kind]})</MenuItem>
          {plans
            .filter(plan => plan.visibility === 'public')
            .map(plan => (
              <MenuItem key={plan.id} value={plan.id}>
                {plan.name}
              </MenuItem>
            ))}
        </TextField>
        {form.kind === 'pro-bono' ? (
          <>
            {text('organisation', 'Organisation', {
              max: APPLICATION_LIMITS.organisation,
            })}
            {text('reason', 'Why the organisation needs a pro-bono plan', {
              max: APPLICATION_LIMITS.reason,
              multiline: true,
            })}
            <Box display="flex" style={{ gap: 16 }}>
              {text('expectedUsers', 'Expected users', { number: true })}
              {text('pilotMonths', 'Pilot months', { number: true })}
            </Box>
          </>
        ) : (
          text('integrationDescription', 'What you integrate', {
            max: APPLICATION_LIMITS.integrationDescription,
            multiline: true,
          })
        )}
        {failure && (
          <Box mt={1}>
            <Alert severity="error">{failure}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Submit application"
        onAction={submit}
        disabled={saving || refused}
      />
    </Dialog>
  );
}
