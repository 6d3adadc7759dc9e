import { useLocation } from 'react-router-dom';

/**
 * Links within the Billing tab kept in its query (`?section=`, `?account=`,
 * `?statement=`), so a statement's page can be shared and reloaded. They
 * keep the current path: relative links would drop a splat route's tail.
 */
export function useStatementLinks() {
  const { pathname } = useLocation();
  const link = (params: Record<string, string>) =>
    `${pathname}?${new URLSearchParams(params)}`;
  return {
    statement: (accountId: string, invoiceId: string) =>
      link({ section: 'statements', account: accountId, statement: invoiceId }),
    statements: (accountId: string) =>
      link({ section: 'statements', account: accountId }),
  };
}
