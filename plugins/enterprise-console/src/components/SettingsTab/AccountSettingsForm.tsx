import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  enterpriseConsoleSettingsUpdatePermission,
  EnterpriseSettings,
  EnterpriseSettingsResponse,
  ExportDefaults,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../api';
import { useConsolePermission } from '../../permissions';
import { PersonName } from '../PersonName';
import { DomainWithState } from '../DomainBindingChip';
import { parseDomainList, settingsProblem } from './settingsForm';

/** The export defaults, each a choice among fixed options. */
const exportDefaultFields: Array<{
  key: keyof ExportDefaults;
  label: string;
  options: Array<[string, string]>;
}> = [
  {
    key: 'fileType',
    label: 'File type',
    options: [
      ['csv', 'CSV'],
      ['excel-csv', 'Excel-friendly CSV'],
    ],
  },
  {
    key: 'dateConversion',
    label: 'Dates',
    options: [
      ['utc', 'In UTC'],
      ['tenant-timezone', "In each tenant's time zone"],
    ],
  },
  {
    key: 'checkboxExpansion',
    label: 'Checkbox answers',
    options: [
      ['combined', 'All options in one column'],
      ['expanded', 'One column per option'],
    ],
  },
];

function editable(settings: EnterpriseSettingsResponse): EnterpriseSettings {
  const { accountId, updatedAt, updatedBy, domainBindings, ...rest } = settings;
  return rest;
}

/** The enterprise settings of one account, editable with settings.update. */
export function AccountSettingsForm(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const canUpdate = useConsolePermission(
    enterpriseConsoleSettingsUpdatePermission,
    account.id,
  );
  const loaded = useAsyncRetry(
    () => api.getAccountSettings(account.id),
    [api, account.id],
  );
  const [draft, setDraft] = useState<EnterpriseSettings>();
  const [domainsText, setDomainsText] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<
    { ok: true } | { ok: false; message: string }
  >();

  useEffect(() => {
    if (loaded.value) {
      setDraft(editable(loaded.value));
      setDomainsText(loaded.value.restrictSignupDomains.join(', '));
    }
  }, [loaded.value]);

  if (loaded.error) {
    return <ResponseErrorPanel error={loaded.error} />;
  }
  if (loaded.loading || !draft || !loaded.value) {
    return <Progress />;
  }

  const { domainBindings } = loaded.value;
  const readOnly = !canUpdate.allowed;
  const problem = settingsProblem(draft);
  const change = (patch: Partial<EnterpriseSettings>) => {
    setOutcome(undefined);
    setDraft({ ...draft, ...patch });
  };
  const save = async () => {
    setSaving(true);
    try {
      const saved = await api.updateAccountSettings(account.id, draft);
      setDraft(editable(saved));
      setDomainsText(saved.restrictSignupDomains.join(', '));
      setOutcome({ ok: true });
      loaded.retry();
    } catch (error) {
      const body = (error as { body?: { error?: { message?: string } } }).body;
      setOutcome({
        ok: false,
        message: body?.error?.message ?? String(error),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <InfoCard
      title={`Enterprise settings of ${account.name}`}
      subheader={
        loaded.value.updatedAt && loaded.value.updatedBy ? (
          <>
            Last saved{' '}
            {new Date(loaded.value.updatedAt).toLocaleString('en-US', {
              timeZone: 'UTC',
              dateStyle: 'medium',
              timeStyle: 'short',
            })}{' '}
            UTC by <PersonName entityRef={loaded.value.updatedBy} />
          </>
        ) : (
          'Defaults: never saved'
        )
      }
    >
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Typography variant="h6">Tenant creation</Typography>
          <FormControlLabel
            control={
              <Switch
                color="primary"
                checked={draft.restrictTenantCreation}
                disabled={readOnly}
                onChange={e =>
                  change({ restrictTenantCreation: e.target.checked })
                }
              />
            }
            label="Restrict tenant creation to enterprise admins"
          />
        </Grid>

        <Grid item xs={12}>
          <Typography variant="h6">User sign-ups</Typography>
          <FormControlLabel
            control={
              <Switch
                color="primary"
                checked={draft.restrictSignups}
                disabled={readOnly}
                onChange={e => change({ restrictSignups: e.target.checked })}
              />
            }
            label="Refuse sign-ups from these email domains"
          />
          <TextField
            fullWidth
            margin="normal"
            variant="outlined"
            id="enterprise-settings-signup-domains"
            label="Email domains"
            helperText="Separate domains with commas, e.g. example.com, *.example.org"
            value={domainsText}
            disabled={readOnly}
            onChange={e => {
              setDomainsText(e.target.value);
              change({
                restrictSignupDomains: parseDomainList(e.target.value),
              });
            }}
          />
          {loaded.value.restrictSignupDomains.length > 0 && (
            <Box mb={1}>
              {loaded.value.restrictSignupDomains.map(domain => (
                <DomainWithState
                  key={domain}
                  domain={domain}
                  bindings={domainBindings}
                />
              ))}
            </Box>
          )}
          <Typography variant="body2" color="textSecondary">
            A domain applies only once a platform admin approves it: until then
            sign-ups from it are not refused.
          </Typography>
          <TextField
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            variant="outlined"
            id="enterprise-settings-signup-message"
            label="Message shown to refused users"
            required={draft.restrictSignups}
            error={draft.restrictSignups && !draft.restrictSignupMessage.trim()}
            value={draft.restrictSignupMessage}
            disabled={readOnly}
            onChange={e => change({ restrictSignupMessage: e.target.value })}
          />
        </Grid>

        <Grid item xs={12}>
          <Typography variant="h6">Default export settings</Typography>
          <Box display="flex" style={{ gap: 16 }} flexWrap="wrap">
            {exportDefaultFields.map(field => (
              <TextField
                key={field.key}
                select
                variant="outlined"
                id={`enterprise-settings-${field.key}`}
                label={field.label}
                value={draft.exportDefaults[field.key]}
                disabled={readOnly}
                onChange={e =>
                  change({
                    exportDefaults: {
                      ...draft.exportDefaults,
                      [field.key]: e.target.value,
                    },
                  })
                }
                style={{ minWidth: 220 }}
              >
                {field.options.map(([value, label]) => (
                  <MenuItem key={value} value={value}>
                    {label}
                  </MenuItem>
                ))}
              </TextField>
            ))}
          </Box>
        </Grid>

        <Grid item xs={12}>
          {outcome?.ok === true && <Alert severity="success">Saved.</Alert>}
          {outcome?.ok === false && (
            <Alert severity="error">{outcome.message}</Alert>
          )}
          {readOnly ? (
            <Alert severity="info">
              You can read these settings but none of your roles lets you change
              them.
            </Alert>
          ) : (
            <Box display="flex" alignItems="center" style={{ gap: 16 }}>
              <Button
                variant="contained"
                color="primary"
                disabled={saving || Boolean(problem)}
                onClick={save}
              >
                {saving ? 'Saving…' : 'Save settings'}
              </Button>
              {problem && <Typography color="error">{problem}</Typography>}
            </Box>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}
