import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { enterpriseConsoleScheduleManagePermission } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { useEffect } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { serverMessage } from '../../lib/serverMessage';
import { rootRouteRef } from '../../routes';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { SchedulesPanel } from './SchedulesPanel';

/**
 * The list, or `schedules/<id>`: the schedule is read first so the tab
 * opens on its account, whichever account the picker had.
 */
function SchedulesView() {
  const api = useApi(enterpriseConsoleApiRef);
  const consoleRoot = useRouteRef(rootRouteRef);
  const scheduleId = useParams()['*'] || undefined;
  const [searchParams, setSearchParams] = useSearchParams();
  const focus = useAsync(
    async () => (scheduleId ? api.getSchedule(scheduleId) : undefined),
    [api, scheduleId],
  );
  const focusAccount = scheduleId ? focus.value?.accountId : undefined;
  const accountParam = searchParams.get('account');

  useEffect(() => {
    if (focusAccount && accountParam !== focusAccount) {
      const next = new URLSearchParams(searchParams);
      next.set('account', focusAccount);
      setSearchParams(next, { replace: true });
    }
  }, [focusAccount, accountParam, searchParams, setSearchParams]);

  if (scheduleId && focus.error) {
    const notFound =
      (focus.error as { statusCode?: number }).statusCode === 404;
    return (
      <Box>
        <Alert severity="warning">
          {notFound
            ? `Schedule ${scheduleId} was not found: it was deleted, or you may not manage the schedules of its account.`
            : serverMessage(focus.error)}{' '}
          <Link to={`${consoleRoot()}/schedules`}>Show the schedules</Link>
        </Alert>
      </Box>
    );
  }
  if (scheduleId && (focus.loading || accountParam !== focusAccount)) {
    return <Progress />;
  }
  return (
    <EnterpriseAccountTab
      permission={enterpriseConsoleScheduleManagePermission}
    >
      {account => (
        <SchedulesPanel
          key={account.id}
          account={account}
          focus={scheduleId ? focus.value : undefined}
        />
      )}
    </EnterpriseAccountTab>
  );
}

/**
 * The scheduled reports of the chosen account; `schedules/<id>` opens one
 * (the link of every scheduled report's email).
 *
 * @public
 */
export function SchedulesTab() {
  // One route for both, so an action's outcome stays shown when a deleted
  // schedule's page turns into the list.
  return (
    <Routes>
      <Route path="*" element={<SchedulesView />} />
    </Routes>
  );
}
