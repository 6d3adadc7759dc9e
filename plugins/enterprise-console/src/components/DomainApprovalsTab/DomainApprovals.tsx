import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DomainBinding,
  DomainBindingStatus,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../api';
import { loadAllAccounts } from '../../api/loadAllAccounts';
import { formatUtc } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { DomainBindingChip } from '../DomainBindingChip';
import { PersonName } from '../PersonName';
import { RejectBindingDialog } from './RejectBindingDialog';

const STATUS_OPTIONS: Array<[DomainBindingStatus, string]> = [
  ['pending', 'Pending'],
  ['approved', 'Approved'],
  ['rejected', 'Rejected'],
];

const EMPTY_TEXT: Record<DomainBindingStatus, string> = {
  pending:
    'Nothing to approve. Domains that accounts bind in their settings appear here until you approve or reject them.',
  approved: 'No approved domains.',
  rejected: 'No rejected domains.',
};

type Outcome = { severity: 'success' | 'error'; message: string };

/** The bindings in one state, with Approve and Reject on pending ones. */
export function DomainApprovals() {
  const api = useApi(enterpriseConsoleApiRef);
  const [status, setStatus] = useState<DomainBindingStatus>('pending');
  const [outcome, setOutcome] = useState<Outcome>();
  const [deciding, setDeciding] = useState<string>();
  const [rejecting, setRejecting] = useState<DomainBinding>();
  const bindings = useAsyncRetry(
    () => api.listDomainBindings(status),
    [api, status],
  );
  // Account names where the user may see the account; the id otherwise.
  const accountNames = useAsync(async () => {
    const { accounts } = await loadAllAccounts(api).catch(() => ({
      accounts: [],
    }));
    return new Map(accounts.map(account => [account.id, account.name]));
  }, [api]);

  const decide = async (
    binding: DomainBinding,
    decision: { action: 'approve' } | { action: 'reject'; reason: string },
  ) => {
    setDeciding(binding.id);
    setOutcome(undefined);
    try {
      if (decision.action === 'approve') {
        await api.approveDomainBinding(binding.id);
        setOutcome({
          severity: 'success',
          message: `Approved ${binding.domain} for ${binding.accountId}.`,
        });
      } else {
        await api.rejectDomainBinding(binding.id, decision.reason);
        setOutcome({
          severity: 'success',
          message: `Rejected ${binding.domain} for ${binding.accountId}.`,
        });
      }
    } catch (error) {
      setOutcome({ severity: 'error', message: serverMessage(error) });
    } finally {
      setDeciding(undefined);
      // Another admin may have decided meanwhile: show the queue as it is.
      bindings.retry();
    }
  };

  const accountOf = (accountId: string) => {
    const name = accountNames.value?.get(accountId);
    return name ? `${name} (${accountId})` : accountId;
  };

  const columns: TableColumn<DomainBinding>[] = [
    { title: 'Domain', field: 'domain', highlight: true },
    {
      title: 'Account',
      field: 'accountId',
      render: binding => accountOf(binding.accountId),
    },
    {
      title: 'Requested',
      field: 'requestedAt',
      render: binding => (
        <>
          <PersonName entityRef={binding.requestedBy} />
          <Typography variant="caption" display="block">
            {formatUtc(binding.requestedAt)} UTC
          </Typography>
        </>
      ),
    },
    {
      title: 'Decided',
      field: 'decidedAt',
      render: binding =>
        binding.decidedBy ? (
          <>
            <PersonName entityRef={binding.decidedBy} />
            <Typography variant="caption" display="block">
              {formatUtc(binding.decidedAt ?? undefined)} UTC
            </Typography>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: 'Status',
      field: 'status',
      render: binding => <DomainBindingChip status={binding.status} />,
    },
    { title: 'Reason', field: 'reason', render: binding => binding.reason },
    ...(status === 'pending'
      ? [
          {
            title: 'Actions',
            render: (binding: DomainBinding) => (
              <Box display="flex" style={{ gap: 8 }}>
                <Button
                  size="small"
                  color="primary"
                  variant="outlined"
                  aria-label={`Approve ${binding.domain} for ${binding.accountId}`}
                  disabled={deciding !== undefined}
                  onClick={() => decide(binding, { action: 'approve' })}
                >
                  Approve
                </Button>
                <Button
                  size="small"
                  aria-label={`Reject ${binding.domain} for ${binding.accountId}`}
                  disabled={deciding !== undefined}
                  onClick={() => setRejecting(binding)}
                >
                  Reject
                </Button>
              </Box>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Box mb={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        <TextField
          select
          size="small"
          variant="outlined"
          id="domain-bindings-status"
          label="Status"
          value={status}
          onChange={event => {
            setOutcome(undefined);
            setStatus(event.target.value as DomainBindingStatus);
          }}
          style={{ minWidth: 180 }}
        >
          {STATUS_OPTIONS.map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="textSecondary">
          A domain an account binds applies to its sign-up restriction and
          single sign-on only once approved here.
        </Typography>
      </Box>
      {outcome && (
        <Box mb={2}>
          <Alert severity={outcome.severity}>{outcome.message}</Alert>
        </Box>
      )}
      {bindings.error && (
        <Box mb={2}>
          <Alert severity="error">{serverMessage(bindings.error)}</Alert>
        </Box>
      )}
      <Table<DomainBinding>
        title="Domain approvals"
        columns={columns}
        data={bindings.value ?? []}
        isLoading={bindings.loading && !bindings.value}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        emptyContent={
          <Box p={3}>
            <Typography>{EMPTY_TEXT[status]}</Typography>
          </Box>
        }
      />
      {rejecting && (
        <RejectBindingDialog
          binding={rejecting}
          onClose={() => setRejecting(undefined)}
          onReject={reason => {
            setRejecting(undefined);
            decide(rejecting, { action: 'reject', reason });
          }}
        />
      )}
    </>
  );
}
