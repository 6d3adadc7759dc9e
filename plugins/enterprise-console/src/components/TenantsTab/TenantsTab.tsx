import { Route, Routes } from 'react-router-dom';
import { TenantPage } from '../TenantPage';
import { TenantList } from './TenantList';

/**
 * The tenants of every account the user may see, and under
 * `tenants/<tenantId>` one tenant's page.
 *
 * @public
 */
export function TenantsTab() {
  return (
    <Routes>
      <Route path="/" element={<TenantList />} />
      <Route path=":tenantId" element={<TenantPage />} />
    </Routes>
  );
}
