import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  BillingApplication,
  enterpriseConsoleBillingManagePermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../api';
import { formatUtc } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { useConsolePermission } from '../../permissions';
import { rootRouteRef } from '../../routes';
import { StatusChip } from '../StatusChip';
import { ApplicationDialog } from './ApplicationDialog';
import {
  ApproveApplicationDialog,
  RejectApplicationDialog,
} from './ApplicationDecisionDialogs';
import {
  APPLICATION_KIND_LABELS,
  APPLICATION_STATUS_LABELS,
  planName,
  refName,
} from './subscriptionLabels';

type Outcome = { severity: 'success' | 'error'; message: ReactNode };
type StatusFilter = BillingApplication['status'] | 'all';
const STATUS_FILTERS: StatusFilter[] = [
  'all',
  'pending',
  'approved',
  'rejected',
];

/** Pending first (the queue), each group newest first as the server sends. */
export function queueOrder(items: BillingApplication[]): BillingApplication[] {
  return [
    ...items.filter(item => item.status === 'pending'),
    ...items.filter(item => item.status !== 'pending'),
  ];
}

function ApplicationDetails(props: { application: BillingApplication }) {
  const { application } = props;
  if (application.kind === 'developer') {
    return (
      <Typography variant="body2">
        {application.integrationDescription}
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        <strong>{application.organisation}</strong>:{' '}
        {application.expectedUsers ?? '?'} users,{' '}
        {application.pilotMonths ?? '?'}
        -month pilot
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {application.reason}
      </Typography>
    </>
  );
}

function Decision(props: { application: BillingApplication }) {
  const { application } = props;
  return (
    <>
      <StatusChip
        status={application.status}
        labels={APPLICATION_STATUS_LABELS}
        colors={{ approved: 'primary', rejected: 'secondary' }}
        open={['pending']}
      />
      {application.status === 'rejected' && application.rejectionReason && (
        <Typography variant="caption" display="block">
          {application.rejectionReason}
        </Typography>
      )}
      {application.decidedAt && (
        <Typography variant="caption" display="block" color="textSecondary">
          {formatUtc(application.decidedAt).slice(0, 10)}
          {application.decidedBy ? ` by ${refName(application.decidedBy)}` : ''}
        </Typography>
      )}
    </>
  );
}

/**
 * Plan applications. Billing admins see every application, pending first,
 * and approve or reject them; tenant admins see those of their tenants and
 * apply for a pro-bono or developer plan.
 */
export function ApplicationsPanel() {
  const api = useApi(enterpriseConsoleApiRef);
  const consoleRoot = useRouteRef(rootRouteRef);
  const { allowed: canManage } = useConsolePermission(
    enterpriseConsoleBillingManagePermission,
  );
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('applications') as StatusFilter | null;
  const status: StatusFilter =
    requested && STATUS_FILTERS.includes(requested) ? requested : 'all';
  const [outcome, setOutcome] = useState<Outcome>();
  const [applying, setApplying] = useState(false);
  const [approving, setApproving] = useState<BillingApplication>();
  const [rejecting, setRejecting] = useState<BillingApplication>();

  const applications = useAsyncRetry(
    async () =>
      queueOrder(
        await api.listBillingApplications(status === 'all' ? {} : { status }),
      ),
    [api, status],
  );
  const plans = useAsync(() => api.listBillingPlans(), [api]);
  const catalogue = plans.value ?? [];

  const setStatus = (next: StatusFilter) => {
    const params = new URLSearchParams(searchParams);
    if (next === 'all') params.delete('applications');
    else params.set('applications', next);
    setSearchParams(params, { replace: true });
  };

  const done = (message: string) => {
    setApproving(undefined);
    setRejecting(undefined);
    setApplying(false);
    setOutcome({ severity: 'success', message });
    applications.retry();
  };

  const columns: TableColumn<BillingApplication>[] = [
    {
      title: 'Submitted',
      render: application => formatUtc(application.createdAt).slice(0, 10),
    },
    {
      title: 'Tenant',
      highlight: true,
      render: application => (
        <Link
          to={`${consoleRoot()}/tenants/${encodeURIComponent(
            application.tenantId,
          )}`}
        >
          {application.tenantId}
        </Link>
      ),
    },
    {
      title: 'Kind',
      render: application =>
        APPLICATION_KIND_LABELS[application.kind] ?? application.kind,
    },
    {
      title: 'Plan',
      render: application => planName(application.planId, catalogue),
    },
    {
      title: 'Details',
      render: application => <ApplicationDetails application={application} />,
    },
    {
      title: 'Applicant',
      render: application => refName(application.applicant),
    },
    {
      title: 'Status',
      render: application => <Decision application={application} />,
    },
    ...(canManage
      ? [
          {
            title: 'Actions',
            render: (application: BillingApplication) =>
              application.status === 'pending' ? (
                <Box display="flex" style={{ gap: 8 }}>
                  <Button
                    size="small"
                    variant="outlined"
                    color="primary"
                    aria-label={`Approve the application of ${application.tenantId}`}
                    onClick={() => setApproving(application)}
                  >
                    Approve
                  </Button>
                  <Button
                    size="small"
                    aria-label={`Reject the application of ${application.tenantId}`}
                    onClick={() => setRejecting(application)}
                  >
                    Reject
                  </Button>
                </Box>
              ) : null,
          } as TableColumn<BillingApplication>,
        ]
      : []),
  ];

  const pendingCount = (applications.value ?? []).filter(
    application => application.status === 'pending',
  ).length;

  return (
    <>
      {outcome && (
        <Box mb={2}>
          <Alert
            severity={outcome.severity}
            onClose={() => setOutcome(undefined)}
          >
            {outcome.message}
          </Alert>
        </Box>
      )}
      {applications.error && (
        <Box mb={2}>
          <Alert severity="error">{serverMessage(applications.error)}</Alert>
        </Box>
      )}
      <Box
        mb={2}
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <Button
          color="primary"
          variant="contained"
          onClick={() => setApplying(true)}
        >
          Apply for a plan
        </Button>
        <TextField
          select
          size="small"
          variant="outlined"
          id="applications-status"
          label="Status"
          value={status}
          onChange={event => setStatus(event.target.value as StatusFilter)}
          style={{ minWidth: 160 }}
        >
          {STATUS_FILTERS.map(filter => (
            <MenuItem key={filter} value={filter}>
              {filter === 'all' ? 'All' : APPLICATION_STATUS_LABELS[filter]}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="textSecondary">
          {canManage
            ? `${pendingCount} pending. Approving creates the subscription and notifies the applicant.`
            : 'The applications of the tenants whose plan you manage.'}
        </Typography>
      </Box>
      {!applications.error && (
        <Table<BillingApplication>
          title={canManage ? 'Application queue' : 'Your applications'}
          columns={columns}
          data={applications.value ?? []}
          isLoading={applications.loading && !applications.value}
          options={{
            paging: false,
            search: false,
            sorting: false,
            padding: 'dense',
          }}
          emptyContent={
            <Box p={3}>
              <Typography>
                {status === 'all'
                  ? 'No applications yet. Tenant admins apply for pro-bono and developer plans here or from the tenant’s page.'
                  : `No ${APPLICATION_STATUS_LABELS[
                      status
                    ].toLowerCase()} applications.`}
              </Typography>
            </Box>
          }
        />
      )}
      {applying && (
        <ApplicationDialog
          plans={catalogue}
          onClose={() => setApplying(false)}
          onSubmitted={application =>
            done(
              `Application sent for ${application.tenantId}; a billing admin reviews it and you are notified of the decision.`,
            )
          }
        />
      )}
      {approving && (
        <ApproveApplicationDialog
          application={approving}
          plans={catalogue}
          onClose={() => setApproving(undefined)}
          onApprove={async approval => {
            const { subscription } = await api.approveBillingApplication(
              approving.id,
              approval,
            );
            done(
              `Approved: ${approving.tenantId} is subscribed to ${planName(
                subscription.planId,
                catalogue,
              )} from ${subscription.startDate}.`,
            );
          }}
        />
      )}
      {rejecting && (
        <RejectApplicationDialog
          application={rejecting}
          onClose={() => setRejecting(undefined)}
          onReject={async reason => {
            await api.rejectBillingApplication(rejecting.id, reason);
            done(`Rejected the application of ${rejecting.tenantId}.`);
          }}
        />
      )}
    </>
  );
}
