import { useApi } from '@backstage/core-plugin-api';
import {
  CONSOLE_REPORT_TYPE,
  ConsoleReportType,
  ConsoleTiles,
  ReportRun,
  TENANT_USAGE_REPORT_TYPE,
} from '@internal/plugin-enterprise-console-common';
import { useEffect, useRef, useState } from 'react';
import { enterpriseConsoleApiRef } from '../../api';
import { isActive } from './runStatus';

/** Which tiles answer can estimate a run's rows, if any. */
function tilesSource(
  run: ReportRun,
): { key: string; range: { from?: string; to?: string } } | undefined {
  if (run.type === CONSOLE_REPORT_TYPE.formSubmissions) {
    const { from, to } = run.parameters;
    return { key: `${from}/${to}`, range: { from, to } };
  }
  if (run.type === CONSOLE_REPORT_TYPE.smsDetail) {
    const { messageFrom, messageTo, ...others } = run.parameters.filters ?? {};
    // The tile counts every message of the range; narrower filters make it
    // no estimate at all.
    const narrowed = Object.entries(others).some(
      ([, value]) =>
        value !== undefined &&
        value !== 'all' &&
        !(Array.isArray(value) && value.length === 0),
    );
    if (narrowed) return undefined;
    return {
      key: `${messageFrom}/${messageTo}`,
      range: { from: messageFrom, to: messageTo },
    };
  }
  return { key: 'now', range: {} };
}

function estimateFrom(run: ReportRun, tiles: ConsoleTiles): number | undefined {
  const total = (type: ConsoleReportType) =>
    tiles.tiles.find(tile => tile.type === type)?.total;
  if (run.type === CONSOLE_REPORT_TYPE.odataFeeds) {
    // A summary row per tenant, then a row per feed.
    const feeds = total(CONSOLE_REPORT_TYPE.odataFeeds);
    const tenants = total(CONSOLE_REPORT_TYPE.projectSpaces);
    return feeds === undefined || tenants === undefined
      ? undefined
      : feeds + tenants;
  }
  if (run.type === TENANT_USAGE_REPORT_TYPE) {
    // A row per chosen tenant: no tile counts a selection of tenants.
    return undefined;
  }
  return total(run.type);
}

/**
 * Estimates of how many rows active runs will write, from the dashboard
 * tiles of the same account and range, so their progress bars can be
 * determinate. A run without an estimate (tiles not readable, filters the
 * tiles do not count by) gets `undefined`.
 */
export function useRowEstimates(
  accountId: string,
  runs: ReportRun[],
): (run: ReportRun) => number | undefined {
  const api = useApi(enterpriseConsoleApiRef);
  const [answers, setAnswers] = useState<Record<string, ConsoleTiles | null>>(
    {},
  );
  const asked = useRef(new Set<string>());
  const sources = runs
    .filter(isActive)
    .map(tilesSource)
    .filter((source): source is NonNullable<typeof source> => !!source);
  const wanted = sources.map(source => source.key).join('\n');

  useEffect(() => {
    for (const { key, range } of sources) {
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      api.getTiles(accountId, range).then(
        tiles => setAnswers(previous => ({ ...previous, [key]: tiles })),
        // Without console.read there are no tiles, hence no estimate.
        () => setAnswers(previous => ({ ...previous, [key]: null })),
      );
    }
    // `wanted` names the sources; the array itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, accountId, wanted]);

  return run => {
    const source = tilesSource(run);
    const tiles = source && answers[source.key];
    return tiles ? estimateFrom(run, tiles) : undefined;
  };
}
