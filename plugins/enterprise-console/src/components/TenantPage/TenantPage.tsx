import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  enterpriseConsoleTenantReadPermission,
  TenantDetail,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { formatCount } from '../../lib/numbers';
import { RequireConsolePermission } from '../../permissions';
import { rootRouteRef } from '../../routes';
import { ApplyForPlanButton } from '../BillingTab/ApplyForPlanButton';
import {
  SubscriptionSummary,
  TenantApplications,
} from '../SubscriptionSummary';
import { UsageReportButton } from '../UsageReportDialog';
import { TenantUsageCharts } from './TenantUsageCharts';

/** Shown for what billing has not filled in yet. */
const NOT_SET = '—';

function TenantFacts(props: { tenant: TenantDetail }) {
  const { tenant } = props;
  const { overview } = tenant;
  // Billing adds plan, edition and status to tenants; until then they are absent.
  const billing = tenant as Partial<
    Record<'plan' | 'edition' | 'status', string>
  >;
  return (
    <InfoCard title="Tenant">
      <StructuredMetadataTable
        dense
        metadata={{
          Name: tenant.name,
          Account: `${tenant.accountName} (${tenant.accountId})`,
          'Tenant id': tenant.id,
          Created: `${tenant.createdAt.slice(0, 10)} (UTC)`,
          Plan: billing.plan || NOT_SET,
          Edition: billing.edition || NOT_SET,
          Status: billing.status || NOT_SET,
          'Active web users': formatCount(overview.activeWebUsers),
          'Active mobile workers': formatCount(overview.activeMobileUsers),
          'Inactive users': formatCount(overview.inactiveUsers),
          Applications: formatCount(overview.applications),
        }}
      />
    </InfoCard>
  );
}

/**
 * The page's title row: the tenant's name, and on the right the actions on
 * the tenant: its usage report (for report.export on its account), the
 * plan application (for tenant.plan.change on it), then `actions`.
 */
function TenantHeader(props: {
  tenant: TenantDetail;
  actions?: ReactNode;
  onApplied: () => void;
}) {
  const { tenant, actions, onApplied } = props;
  const [notice, setNotice] = useState<string>();
  return (
    <>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={2}>
        <Box flexGrow={1}>
          <Typography variant="h4" component="h2">
            {tenant.name}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {tenant.id} · {tenant.accountName}
          </Typography>
        </Box>
        <Box display="flex" data-testid="tenant-page-actions">
          <UsageReportButton tenant={tenant} />
          <ApplyForPlanButton
            tenant={tenant}
            onSubmitted={message => {
              setNotice(message);
              onApplied();
            }}
          />
          {actions}
        </Box>
      </Box>
      {notice && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setNotice(undefined)}>
            {notice}
          </Alert>
        </Box>
      )}
    </>
  );
}

function TenantDetails(props: { tenantId: string; actions?: ReactNode }) {
  const { tenantId, actions } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const tenant = useAsync(() => api.getTenant(tenantId), [api, tenantId]);
  // Bumped by an application sent from the header, to list it.
  const [applied, setApplied] = useState(0);
  if (tenant.loading) {
    return <Progress />;
  }
  if (
    tenant.error instanceof ResponseError &&
    tenant.error.statusCode === 404
  ) {
    return (
      <WarningPanel
        title="Unknown tenant"
        message={`The Enterprise Console has no tenant "${tenantId}" that you may see.`}
      />
    );
  }
  if (tenant.error) {
    return <ResponseErrorPanel error={tenant.error} />;
  }
  return (
    <>
      <TenantHeader
        tenant={tenant.value!}
        actions={actions}
        onApplied={() => setApplied(count => count + 1)}
      />
      <Box mb={3}>
        <TenantFacts tenant={tenant.value!} />
      </Box>
      <SubscriptionSummary tenant={tenant.value!} variant="card" />
      <TenantApplications tenantId={tenantId} version={applied} />
      <TenantUsageCharts tenantId={tenantId} />
    </>
  );
}

/**
 * One tenant's page, at `tenants/<tenantId>`: its details and its usage
 * over time, for users holding `enterprise-console.tenant.read` on it.
 * `actions` go into the header, right of the tenant's name.
 *
 * @public
 */
export function TenantPage(props: { actions?: ReactNode }) {
  const { tenantId = '' } = useParams();
  const consoleRoot = useRouteRef(rootRouteRef);
  return (
    <>
      <Box mb={2}>
        <Link to={`${consoleRoot()}/tenants`}>← All tenants</Link>
      </Box>
      <RequireConsolePermission
        permission={enterpriseConsoleTenantReadPermission}
        resourceRef={tenantId}
        resourceName={`tenant ${tenantId}`}
      >
        <TenantDetails tenantId={tenantId} actions={props.actions} />
      </RequireConsolePermission>
    </>
  );
}
