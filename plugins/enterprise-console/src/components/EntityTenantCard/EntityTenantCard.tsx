import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  TENANT_ANNOTATION,
  TenantDetail,
} from '@internal/plugin-enterprise-console-common';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { SubscriptionSummary } from '../SubscriptionSummary';

const count = new Intl.NumberFormat('en-US');

function formatTime(iso: string | undefined): string {
  if (!iso) {
    return 'Never';
  }
  const formatted = new Date(iso).toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${formatted} UTC`;
}

function TenantFacts(props: { tenant: TenantDetail }) {
  const { tenant } = props;
  const { overview } = tenant;
  return (
    <StructuredMetadataTable
      dense
      metadata={{
        Tenant: `${tenant.name} (${tenant.id})`,
        Account: tenant.accountName,
        'Active web users': count.format(overview.activeWebUsers),
        'Active mobile workers': count.format(overview.activeMobileUsers),
        'Inactive users': count.format(overview.inactiveUsers),
        Applications: count.format(overview.applications),
        'Last form submission': formatTime(overview.lastSubmissionAt),
        'SMS in the last 30 days': `${count.format(
          overview.smsLast30Days,
        )} messages, ${count.format(overview.smsPartsLast30Days)} parts`,
      }}
    />
  );
}

function LinkedTenant(props: { tenantId: string }) {
  const { tenantId } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const consoleLink = useRouteRef(rootRouteRef);
  const { value, loading, error } = useAsync(
    () => api.getTenant(tenantId),
    [api, tenantId],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error instanceof ResponseError && error.statusCode === 404) {
    content = (
      <WarningPanel
        title="Unknown tenant"
        message={`The Enterprise Console has no tenant "${tenantId}". Check the ${TENANT_ANNOTATION} annotation of this entity.`}
      />
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    content = (
      <>
        <TenantFacts tenant={value!} />
        <SubscriptionSummary tenant={value!} variant="rows" />
      </>
    );
  }

  return (
    <InfoCard
      title="Enterprise Console tenant"
      subheader={value ? `As of ${formatTime(value.overview.asOf)}` : undefined}
      // The tenant's page once the tenant is known, else the console.
      deepLink={
        value
          ? {
              title: "Open the tenant's page",
              link: `${consoleLink()}/tenants/${encodeURIComponent(tenantId)}`,
            }
          : { title: 'Open the Enterprise Console', link: consoleLink() }
      }
    >
      {content}
    </InfoCard>
  );
}

/**
 * The Enterprise Console tenant an entity is linked to through the
 * `enterprise-console.io/tenant` annotation: its users, applications, last
 * submission and recent SMS traffic, and its subscription for users who
 * may read its account's billing.
 *
 * @public
 */
export function EntityTenantCard() {
  const { entity } = useEntity();
  const tenantId = entity.metadata.annotations?.[TENANT_ANNOTATION];
  if (!tenantId) {
    return <MissingAnnotationEmptyState annotation={TENANT_ANNOTATION} />;
  }
  return <LinkedTenant tenantId={tenantId} />;
}
