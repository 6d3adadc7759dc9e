import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { consoleTabs } from '../consoleTabs';

/**
 * The Enterprise Console page of the legacy frontend system: a header and
 * one tab per area. The new frontend system mounts the same tabs as
 * sub-pages (see alpha.tsx).
 *
 * @public
 */
export function EnterpriseConsolePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Enterprise Console"
        subtitle="Accounts, tenants, usage reports and billing"
      />
      <TabbedLayout>
        {consoleTabs.map(tab => (
          <TabbedLayout.Route
            key={tab.path}
            path={`/${tab.path}`}
            title={tab.title}
          >
            <tab.Component />
          </TabbedLayout.Route>
        ))}
      </TabbedLayout>
    </Page>
  );
}
