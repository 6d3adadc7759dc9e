import { useApi } from '@backstage/core-plugin-api';
import { Page, ReportRun } from '@internal/plugin-enterprise-console-common';
import { useEffect, useState } from 'react';
import { enterpriseConsoleApiRef } from '../../api';
import { isActive } from './runStatus';

/**
 * One page of an account's runs, read again every `pollIntervalMs` while any
 * run on it is queued or running, and not at all once none is.
 */
export function useReportRunsPage(options: {
  accountId: string;
  mine: boolean;
  cursor?: string;
  limit: number;
  pollIntervalMs: number;
}) {
  const { accountId, mine, cursor, limit, pollIntervalMs } = options;
  const api = useApi(enterpriseConsoleApiRef);
  const [page, setPage] = useState<Page<ReportRun>>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await api.listReportRuns({
          accountId,
          mine,
          cursor,
          limit,
        });
        if (stopped) return;
        setPage(next);
        setError(undefined);
        if (next.items.some(isActive)) {
          timer = setTimeout(load, pollIntervalMs);
        }
      } catch (e) {
        if (!stopped) setError(e as Error);
      } finally {
        if (!stopped) setLoading(false);
      }
    };
    setLoading(true);
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, accountId, mine, cursor, limit, pollIntervalMs, reloads]);

  return { page, error, loading, reload: () => setReloads(n => n + 1) };
}
