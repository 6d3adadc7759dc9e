import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import { FormEvent, ReactNode, useState } from 'react';
import { isDate } from '../../lib/dates';
import { DateRangeFields } from '../DateRangeFields';
import { TenantListView } from './tenantListView';

/** The account choice that keeps every account. */
const ALL_ACCOUNTS = '*';

function Cell(props: { children: ReactNode }) {
  return (
    <Box mr={2} mb={2}>
      {props.children}
    </Box>
  );
}

/**
 * The filters of the tenants list. Edits stay in the form until applied,
 * so the list (and the URL) changes once per search, not per keystroke.
 */
export function TenantFiltersForm(props: {
  value: TenantListView;
  accounts: AccountSummary[];
  onApply: (value: TenantListView) => void;
}) {
  const { accounts, onApply } = props;
  const [draft, setDraft] = useState(props.value);
  const set = (patch: Partial<TenantListView>) =>
    setDraft(current => ({ ...current, ...patch }));
  const halfTyped = [draft.createdFrom, draft.createdTo].some(
    value => value !== '' && !isDate(value),
  );
  const rangeProblem =
    isDate(draft.createdFrom) &&
    isDate(draft.createdTo) &&
    draft.createdFrom > draft.createdTo
      ? 'The start date is after the end date.'
      : undefined;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!halfTyped && !rangeProblem) onApply(draft);
  };
  const text = (
    key: 'q' | 'plan' | 'edition' | 'status',
    label: string,
    width = 160,
  ) => (
    <Cell>
      <TextField
        id={`tenant-filter-${key}`}
        label={label}
        variant="outlined"
        size="small"
        style={{ width }}
        value={draft[key]}
        inputProps={{ maxLength: key === 'q' ? 200 : 100 }}
        onChange={event => set({ [key]: event.target.value })}
      />
    </Cell>
  );

  return (
    <form onSubmit={apply} aria-label="Tenant filters">
      <Box display="flex" flexWrap="wrap" alignItems="flex-start">
        <Cell>
          <FormControl
            variant="outlined"
            size="small"
            style={{ minWidth: 220 }}
          >
            <InputLabel id="tenant-filter-account-label">Account</InputLabel>
            <Select
              labelId="tenant-filter-account-label"
              id="tenant-filter-account"
              label="Account"
              value={draft.account || ALL_ACCOUNTS}
              onChange={event => {
                const account = String(event.target.value);
                set({ account: account === ALL_ACCOUNTS ? '' : account });
              }}
            >
              <MenuItem value={ALL_ACCOUNTS}>All accounts</MenuItem>
              {accounts.map(account => (
                <MenuItem key={account.id} value={account.id}>
                  {account.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        </Cell>
        {text('q', 'Name contains', 220)}
        {text('plan', 'Plan')}
        {text('edition', 'Edition')}
        {text('status', 'Status')}
        <DateRangeFields
          idPrefix="tenant-filter-created"
          label="Created"
          value={{ from: draft.createdFrom, to: draft.createdTo }}
          onChange={range =>
            set({ createdFrom: range.from, createdTo: range.to })
          }
          error={!!rangeProblem}
          helperText={rangeProblem}
        />
        <Cell>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={halfTyped || !!rangeProblem}
          >
            Apply filters
          </Button>
        </Cell>
      </Box>
    </form>
  );
}
