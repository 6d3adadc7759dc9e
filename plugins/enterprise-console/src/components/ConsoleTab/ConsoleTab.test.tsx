import { ResponseError } from '@backstage/errors';
import { CreateReportRunRequest } from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import {
  CONSOLE_READ,
  renderWithApis,
  REPORT_EXPORT,
} from '../../__testUtils__/renderWithApis';
import { tilesOf } from '../../__fixtures__/reports';
import { EnterpriseConsoleApi } from '../../api';
import { ConsoleTab } from './ConsoleTab';

jest.setTimeout(30_000);

const DAY_MS = 24 * 60 * 60 * 1000;
const today = new Date().toISOString().slice(0, 10);
const thirtyDaysIncludingToday = new Date(Date.now() - 29 * DAY_MS)
  .toISOString()
  .slice(0, 10);

async function refusal(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'GET', url: '/' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function consoleApi(
  options: {
    refuseRangeFrom?: string;
    refuseRuns?: { status: number; message: string };
  } = {},
) {
  const tileRequests: Array<{ accountId: string; from?: string; to?: string }> =
    [];
  const runRequests: CreateReportRunRequest[] = [];
  const api: EnterpriseConsoleApi = {
    ...accountsApi([acme]),
    async getTiles(accountId, range = {}) {
      tileRequests.push({ accountId, ...range });
      if (range.from === options.refuseRangeFrom) {
        throw await refusal(
          400,
          'Date ranges longer than 90 days are not supported',
        );
      }
      return tilesOf(accountId, range);
    },
    async createReportRun(request) {
      runRequests.push(request);
      if (options.refuseRuns) {
        throw await refusal(
          options.refuseRuns.status,
          options.refuseRuns.message,
        );
      }
      return { id: 'run-7', status: 'queued' };
    },
  };
  return { api, tileRequests, runRequests };
}

function tileCard(title: string) {
  return screen.getByText(title).closest('.MuiCard-root') as HTMLElement;
}

async function openEmailDialog(title: string) {
  fireEvent.click(
    await screen.findByRole('button', { name: `Email report: ${title}` }),
  );
  return screen.findByRole('dialog');
}

describe('ConsoleTab', () => {
  it('shows one card per tile with its total, over the last 30 days by default', async () => {
    const { api, tileRequests } = consoleApi();
    await renderWithApis(<ConsoleTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    expect(await screen.findByText('# of Project Spaces')).toBeInTheDocument();
    const expected: Array<[string, string]> = [
      ['# of Project Spaces', '18'],
      ['# of Web Users', '1,234'],
      ['# of Mobile Workers', '56,789'],
      ['# of Mobile Form Submissions', '1,234,567'],
      ['# of OData Feeds', '42'],
      ['# of SMS', '98,765'],
    ];
    for (const [title, total] of expected) {
      expect(
        within(tileCard(title)).getByTestId('tile-total').textContent,
      ).toBe(total);
    }
    expect(
      within(tileCard('# of SMS')).getByText(
        `${thirtyDaysIncludingToday} – ${today} (UTC)`,
      ),
    ).toBeInTheDocument();
    expect(tileRequests).toEqual([
      { accountId: 'acme-health', from: thirtyDaysIncludingToday, to: today },
    ]);
    expect(
      within(tileCard('# of SMS')).getByRole('button', {
        name: 'Open SMS report',
      }),
    ).toHaveAttribute(
      'href',
      `/enterprise-console/sms?account=acme-health&from=${thirtyDaysIncludingToday}&to=${today}`,
    );
  });

  it('asks again for the tiles when the range changes', async () => {
    const { api, tileRequests } = consoleApi();
    await renderWithApis(<ConsoleTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });
    await screen.findByText('# of SMS');

    fireEvent.change(screen.getByLabelText('Date from (UTC)'), {
      target: { value: '2026-09-01' },
    });
    fireEvent.change(screen.getByLabelText('Date to (UTC)'), {
      target: { value: '2026-09-30' },
    });

    await waitFor(() =>
      expect(tileRequests).toEqual([
        { accountId: 'acme-health', from: thirtyDaysIncludingToday, to: today },
        { accountId: 'acme-health', from: '2026-09-01', to: today },
        { accountId: 'acme-health', from: '2026-09-01', to: '2026-09-30' },
      ]),
    );
    // The two tiles that count within the range say which one.
    expect(
      await screen.findAllByText('2026-09-01 – 2026-09-30 (UTC)'),
    ).toHaveLength(2);
  });

  it("hints at a long range and shows the server's refusal", async () => {
    const { api } = consoleApi({ refuseRangeFrom: '2026-01-01' });
    await renderWithApis(<ConsoleTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });
    await screen.findByText('# of SMS');

    fireEvent.change(screen.getByLabelText('Date from (UTC)'), {
      target: { value: '2026-01-01' },
    });
    expect(
      screen.getByText('The server accepts ranges of at most 90 days.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Date ranges longer than 90 days are not supported',
      ),
    ).toBeInTheDocument();
  });

  it('emails a report over the range with the chosen delimiter', async () => {
    const { api, runRequests } = consoleApi();
    await renderWithApis(<ConsoleTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    const dialog = await openEmailDialog('# of Mobile Form Submissions');
    expect(
      within(dialog).getByText('Email report: Mobile Form Submissions'),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByLabelText('Pipe (|)'));
    fireEvent.change(within(dialog).getByLabelText('Date from (UTC)'), {
      target: { value: '2026-10-01' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(await screen.findByText(/Report queued/)).toBeInTheDocument();
    expect(runRequests).toEqual([
      {
        accountId: 'acme-health',
        type: 'form-submissions',
        delimiter: '|',
        email: true,
        from: '2026-10-01',
        to: today,
      },
    ]);
    expect(
      screen.getByRole('link', { name: 'Follow it under Reports' }),
    ).toHaveAttribute(
      'href',
      '/enterprise-console/reports?account=acme-health',
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('emails reports without a range, and the SMS report over its message dates', async () => {
    const { api, runRequests } = consoleApi();
    await renderWithApis(<ConsoleTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    let dialog = await openEmailDialog('# of Web Users');
    expect(within(dialog).queryByLabelText('Date from (UTC)')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    dialog = await openEmailDialog('# of SMS');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(runRequests).toHaveLength(2));

    expect(runRequests).toEqual([
      {
        accountId: 'acme-health',
        type: 'web-users',
        delimiter: ',',
        email: true,
      },
      {
        accountId: 'acme-health',
        type: 'sms-detail',
        delimiter: ',',
        email: true,
        filters: { messageFrom: thirtyDaysIncludingToday, messageTo: today },
      },
    ]);
  });

  it('shows why the server refused a run, e.g. too many at once', async () => {
    const message =
      'You already have 3 reports running. Wait for one to finish or cancel one.';
    const { api } = consoleApi({ refuseRuns: { status: 429, message } });
    await renderWithApis(<ConsoleTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    const dialog = await openEmailDialog('# of OData Feeds');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/Report queued/)).toBeNull();
  });
});
