import { Page, ReportRun } from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { reportRun, tilesOf } from '../../__fixtures__/reports';
import {
  CONSOLE_READ,
  renderWithApis,
  REPORT_EXPORT,
} from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { ReportsTab } from './ReportsTab';

jest.setTimeout(30_000);

const HOUR_MS = 60 * 60 * 1000;
const inADay = new Date(Date.now() + 24 * HOUR_MS).toISOString();
const anHourAgo = new Date(Date.now() - HOUR_MS).toISOString();

type ListOptions = Parameters<EnterpriseConsoleApi['listReportRuns']>[0];

/**
 * Answers every list call with the current page; `advance()` makes the next
 * page current, and a cancel does too.
 */
function runsApi(pages: Array<Page<ReportRun>>) {
  const listCalls: ListOptions[] = [];
  const cancelled: string[] = [];
  let current = 0;
  const advance = () => {
    current = Math.min(current + 1, pages.length - 1);
  };
  const api: EnterpriseConsoleApi = {
    ...accountsApi([acme]),
    async listReportRuns(options) {
      listCalls.push(options);
      return pages[current];
    },
    async getTiles(accountId, range) {
      return tilesOf(accountId, range);
    },
    async cancelReportRun(runId) {
      cancelled.push(runId);
      advance();
    },
  };
  return { api, listCalls, cancelled, advance };
}

const running = reportRun({
  id: 'run-running',
  type: 'web-users',
  name: 'Web Users',
  status: 'running',
  rowsWritten: 617,
});
const finished = reportRun({
  id: 'run-done',
  type: 'mobile-workers',
  name: 'Mobile Workers',
  status: 'succeeded',
  rowsWritten: 56789,
  rowCount: 56789,
  finishedAt: '2026-11-22T09:01:00.000Z',
  expiresAt: inADay,
  downloadUrl: 'https://backstage.test/api/enterprise-console/v1/downloads/t1',
  fileName: 'Acme Health (Mobile Workers) 20261122 090100.csv',
});
const expired = reportRun({
  id: 'run-old',
  type: 'project-spaces',
  name: 'Project Spaces',
  status: 'succeeded',
  rowsWritten: 18,
  rowCount: 18,
  expiresAt: anHourAgo,
  downloadUrl: 'https://backstage.test/api/enterprise-console/v1/downloads/t0',
});
const failed = reportRun({
  id: 'run-failed',
  name: 'OData Feeds',
  type: 'odata-feeds',
  status: 'failed',
  error: 'The report has more than 5,000,000 rows',
  createdBy: 'user:default/grace',
});

function rowOf(name: string) {
  return screen.getByText(name).closest('tr') as HTMLElement;
}

describe('ReportsTab', () => {
  it('shows progress against the tile total, the download link, and stops polling when done', async () => {
    const { api, listCalls, advance } = runsApi([
      { items: [running, finished, expired, failed], totalCount: 4 },
      {
        items: [{ ...running, rowsWritten: 925 }, finished, expired, failed],
        totalCount: 4,
      },
      {
        items: [
          {
            ...running,
            status: 'succeeded',
            rowsWritten: 1240,
            rowCount: 1240,
            expiresAt: inADay,
            downloadUrl: 'https://backstage.test/downloads/t2',
          },
          finished,
          expired,
          failed,
        ],
        totalCount: 4,
      },
    ]);
    await renderWithApis(<ReportsTab pollIntervalMs={50} />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    // 617 of the 1,234 web users of the tile.
    const bar = await screen.findByRole('progressbar', {
      name: 'Progress of Web Users',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(
      within(rowOf('Web Users')).getByText('617 of about 1,234 rows'),
    ).toBeInTheDocument();
    expect(within(rowOf('Web Users')).getByText('Running')).toBeInTheDocument();

    const done = rowOf('Mobile Workers');
    expect(within(done).getByText('Succeeded')).toBeInTheDocument();
    expect(within(done).getByText('56,789')).toBeInTheDocument();
    expect(
      within(done).getByRole('link', { name: 'Download' }),
    ).toHaveAttribute('href', finished.downloadUrl);
    expect(
      within(done).queryByRole('button', { name: /Cancel run/ }),
    ).toBeNull();
    // Past its expiry the link is gone.
    expect(
      within(rowOf('Project Spaces')).queryByRole('link', { name: 'Download' }),
    ).toBeNull();
    expect(
      within(rowOf('OData Feeds')).getByText(
        'The report has more than 5,000,000 rows',
      ),
    ).toBeInTheDocument();

    // Polling picks up the progress…
    const polls = listCalls.length;
    advance();
    expect(
      await screen.findByText('925 of about 1,234 rows'),
    ).toBeInTheDocument();
    expect(listCalls.length).toBeGreaterThan(polls);

    // …and the finished run, then stops.
    advance();
    await waitFor(() =>
      expect(
        within(rowOf('Web Users')).getByRole('link', { name: 'Download' }),
      ).toHaveAttribute('href', 'https://backstage.test/downloads/t2'),
    );
    expect(within(rowOf('Web Users')).getByText('1,240')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    const callsWhenDone = listCalls.length;
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(listCalls).toHaveLength(callsWhenDone);
    expect(listCalls[0]).toEqual({
      accountId: 'acme-health',
      mine: true,
      cursor: undefined,
      limit: 20,
    });
  });

  it('cancels a run after confirmation', async () => {
    const { api, cancelled, listCalls } = runsApi([
      { items: [running], totalCount: 1 },
      { items: [{ ...running, status: 'cancelled' }], totalCount: 1 },
    ]);
    await renderWithApis(<ReportsTab pollIntervalMs={60_000} />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Cancel run: Web Users' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Keep running' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(cancelled).toEqual([]);

    fireEvent.click(
      screen.getByRole('button', { name: 'Cancel run: Web Users' }),
    );
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel run',
      }),
    );
    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(cancelled).toEqual(['run-running']);
    expect(listCalls).toHaveLength(2);
  });

  it("lets an admin see everyone's runs, with who asked for them", async () => {
    const { api, listCalls } = runsApi([{ items: [failed], totalCount: 1 }]);
    await renderWithApis(<ReportsTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });
    await screen.findByText('OData Feeds');
    expect(screen.queryByText('Requested by')).toBeNull();

    fireEvent.click(screen.getByLabelText('Only my runs'));
    expect(await screen.findByText('Requested by')).toBeInTheDocument();
    expect(within(rowOf('OData Feeds')).getByText('grace')).toBeInTheDocument();
    expect(listCalls.map(call => call.mine)).toEqual([true, false]);
  });

  it('pages through runs on the server with its cursors', async () => {
    const first = Array.from({ length: 20 }, (_, i) =>
      reportRun({
        id: `run-${i}`,
        name: `Run ${i}`,
        status: 'cancelled',
      }),
    );
    const second = [
      reportRun({ id: 'run-20', name: 'Run 20', status: 'cancelled' }),
    ];
    const listCalls: ListOptions[] = [];
    const api: EnterpriseConsoleApi = {
      ...accountsApi([acme]),
      async listReportRuns(options) {
        listCalls.push(options);
        return options.cursor === 'page-2'
          ? { items: second, totalCount: 21 }
          : { items: first, nextCursor: 'page-2', totalCount: 21 };
      },
    };
    await renderWithApis(<ReportsTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    expect(await screen.findByText('Run 19')).toBeInTheDocument();
    expect(screen.getAllByText('1-20 of 21').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('Run 20')).toBeInTheDocument();
    expect(screen.queryByText('Run 19')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Previous Page' }));
    expect(await screen.findByText('Run 19')).toBeInTheDocument();
    expect(listCalls.map(call => call.cursor)).toEqual([
      undefined,
      'page-2',
      undefined,
    ]);
  });
});
