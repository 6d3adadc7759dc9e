import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { reportRun } from '../../__fixtures__/reports';
import {
  renderWithApis,
  REPORT_EXPORT,
} from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { ReportsTab } from './ReportsTab';

jest.setTimeout(30_000);

// usePermission caches answers per permission and resource for the whole
// file, so each test is about an account of its own.
const globex = { ...acme, id: 'globex', name: 'Globex' };

describe('ReportsTab for users who may not read the console', () => {
  it('shows a report manager only their own runs, without estimates', async () => {
    const mine: Array<boolean | undefined> = [];
    const api: EnterpriseConsoleApi = {
      ...accountsApi([acme]),
      async listReportRuns(options) {
        mine.push(options.mine);
        return {
          items: [
            reportRun({
              status: 'running',
              rowsWritten: 300,
              name: 'Web Users',
            }),
          ],
          totalCount: 1,
        };
      },
      async getTiles() {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'NotAllowedError', message: 'Denied' },
              request: { method: 'GET', url: '/' },
              response: { statusCode: 403 },
            }),
            { status: 403, headers: { 'Content-Type': 'application/json' } },
          ),
        );
      },
    };
    await renderWithApis(<ReportsTab pollIntervalMs={60_000} />, {
      api,
      granted: [REPORT_EXPORT],
    });

    expect(await screen.findByText('300 rows written')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', {
      name: 'Progress of Web Users',
    });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(screen.queryByLabelText('Only my runs')).toBeNull();
    expect(screen.queryByText('Requested by')).toBeNull();
    expect(mine).toEqual([true]);
  });

  it('shows the access-denied page without report.export', async () => {
    const listReportRuns = jest.fn(async () => {
      throw new Error('listReportRuns was not expected');
    });
    await renderWithApis(<ReportsTab />, {
      api: { ...accountsApi([globex]), listReportRuns },
      granted: ['enterprise-console.console.read'],
    });
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.report.export'),
    ).toBeInTheDocument();
    expect(listReportRuns).toHaveBeenCalledTimes(0);
  });
});
