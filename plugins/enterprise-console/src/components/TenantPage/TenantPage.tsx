import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';

/** One tenant's page, at `tenants/<tenantId>` (being built). */
export function TenantPage() {
  const { tenantId } = useParams();
  return <Typography>Tenant {tenantId}</Typography>;
}
