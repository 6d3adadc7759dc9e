import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { enterpriseConsoleTenantPlanChangePermission } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { formatUtc } from '../../lib/dates';
import { useConsolePermission } from '../../permissions';
import { StatusChip } from '../StatusChip';
import {
  APPLICATION_KIND_LABELS,
  APPLICATION_STATUS_LABELS,
  refName,
} from '../BillingTab/subscriptionLabels';

/**
 * The plan applications of one tenant with their decisions, for the users
 * who may apply for it (tenant.plan.change); absent when there are none or
 * they cannot be read. `version` reloads them after an application.
 */
export function TenantApplications(props: {
  tenantId: string;
  version: number;
}) {
  const { tenantId, version } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const { allowed } = useConsolePermission(
    enterpriseConsoleTenantPlanChangePermission,
    tenantId,
  );
  const applications = useAsync(
    async () =>
      allowed ? api.listBillingApplications({ tenantId }) : undefined,
    [api, tenantId, allowed, version],
  );
  const items = applications.value ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <Box mb={3}>
      <InfoCard title="Plan applications">
        <List dense aria-label="Plan applications">
          {items.map(application => (
            <ListItem key={application.id} divider>
              <ListItemText
                primary={`${
                  APPLICATION_KIND_LABELS[application.kind]
                } plan, applied ${formatUtc(application.createdAt).slice(
                  0,
                  10,
                )} by ${refName(application.applicant)}`}
                secondary={
                  application.status === 'rejected'
                    ? application.rejectionReason
                    : undefined
                }
              />
              <StatusChip
                status={application.status}
                labels={APPLICATION_STATUS_LABELS}
                colors={{ approved: 'primary', rejected: 'secondary' }}
                open={['pending']}
              />
            </ListItem>
          ))}
        </List>
      </InfoCard>
    </Box>
  );
}
