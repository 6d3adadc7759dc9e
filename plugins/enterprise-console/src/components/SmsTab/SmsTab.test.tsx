import {
  CreateReportRunRequest,
  SmsMessage,
} from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { smsMessage, tenant } from '../../__fixtures__/reports';
import {
  CONSOLE_READ,
  renderWithApis,
  REPORT_EXPORT,
} from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi, SmsMessageQuery } from '../../api';
import { SmsTab } from './SmsTab';

jest.setTimeout(30_000);

const DAY_MS = 24 * 60 * 60 * 1000;
const today = new Date().toISOString().slice(0, 10);
const sixDaysAgo = new Date(Date.now() - 6 * DAY_MS).toISOString().slice(0, 10);

function smsApi() {
  const queries: SmsMessageQuery[] = [];
  const runRequests: CreateReportRunRequest[] = [];
  const firstPage: SmsMessage[] = Array.from({ length: 25 }, (_, i) =>
    smsMessage({ id: `msg-${String(i).padStart(2, '0')}` }),
  );
  const api: EnterpriseConsoleApi = {
    ...accountsApi([acme]),
    async listTenants() {
      return {
        items: [
          tenant('north', 'North Clinic', acme.id),
          tenant('south', 'South Clinic', acme.id),
        ],
        totalCount: 2,
      };
    },
    async listSmsGateways() {
      return ['infobip', 'twilio'];
    },
    async listSmsMessages(query) {
      queries.push(query);
      if (query.cursor === 'next-26') {
        return {
          items: [
            smsMessage({
              id: 'msg-25',
              tenantId: 'south',
              direction: 'incoming',
              gateway: 'infobip',
              gatewayCharge: '0',
              usageCharge: '0.00125',
              totalCharge: '0.00125',
              valid: false,
            }),
          ],
          totalCount: 26,
        };
      }
      return { items: firstPage, nextCursor: 'next-26', totalCount: 26 };
    },
    async createReportRun(request) {
      runRequests.push(request);
      return { id: 'run-9', status: 'queued' };
    },
  };
  return { api, queries, runRequests };
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('SmsTab', () => {
  it('lists the last 7 days of messages, a page at a time, with four-decimal charges', async () => {
    const { api, queries } = smsApi();
    await renderWithApis(<SmsTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });

    expect(await screen.findByText('msg-00')).toBeInTheDocument();
    const row = screen.getByText('msg-00').closest('tr') as HTMLElement;
    for (const text of [
      '2026-11-20 10:15:00',
      'north',
      'Outgoing',
      '2',
      'twilio',
      '0.0150',
      '0.0200',
      '0.0350',
      'Yes',
    ]) {
      expect(within(row).getAllByText(text).length).toBeGreaterThan(0);
    }
    // The tenant stays on one line, cut short, with the whole name on hover.
    const tenantCell = within(row).getByText('north');
    expect(getComputedStyle(tenantCell).whiteSpace).toBe('nowrap');
    expect(getComputedStyle(tenantCell).textOverflow).toBe('ellipsis');
    fireEvent.mouseOver(tenantCell);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('north');
    expect(queries).toEqual([
      {
        accountId: 'acme-health',
        messageFrom: sixDaysAgo,
        messageTo: today,
        sort: undefined,
        order: undefined,
        limit: 25,
        cursor: undefined,
      },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('msg-25')).toBeInTheDocument();
    const second = screen.getByText('msg-25').closest('tr') as HTMLElement;
    expect(within(second).getByText('Incoming')).toBeInTheDocument();
    expect(within(second).getByText('0.0000')).toBeInTheDocument();
    expect(within(second).getAllByText('0.0013').length).toBe(2);
    expect(within(second).getByText('No')).toBeInTheDocument();
    expect(queries[1]).toMatchObject({ limit: 25, cursor: 'next-26' });

    // Sorting starts again from the first page, in the server's order.
    fireEvent.click(screen.getByText('Project Space Name'));
    await waitFor(() => expect(queries).toHaveLength(3));
    expect(queries[2]).toEqual({
      ...queries[0],
      sort: 'tenantId',
      order: 'asc',
    });
    fireEvent.click(screen.getByText('Total Charge'));
    await waitFor(() => expect(queries).toHaveLength(4));
    expect(queries[3]).toEqual({
      ...queries[0],
      sort: 'totalCharge',
      order: 'asc',
    });
  });

  it('sends every filter to the table and to the emailed report', async () => {
    const { api, queries, runRequests } = smsApi();
    await renderWithApis(<SmsTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
    });
    await screen.findByText('msg-00');

    fireEvent.change(screen.getByLabelText('Date of message from (UTC)'), {
      target: { value: '2026-11-01' },
    });
    fireEvent.change(screen.getByLabelText('Date of message to (UTC)'), {
      target: { value: '2026-11-15' },
    });
    fireEvent.change(screen.getByLabelText('Date created from (UTC)'), {
      target: { value: '2026-10-01' },
    });
    const tenantsInput = screen.getByLabelText('Project spaces');
    fireEvent.change(tenantsInput, { target: { value: 'South' } });
    fireEvent.click(
      await screen.findByRole('option', { name: 'South Clinic (south)' }),
    );
    await choose('Gateway', 'infobip');
    await choose('Has gateway fee', 'No');
    await choose('Validity', 'Invalid');

    const expectedFilters = {
      messageFrom: '2026-11-01',
      messageTo: '2026-11-15',
      createdFrom: '2026-10-01',
      tenantIds: ['south'],
      gateway: 'infobip',
      hasGatewayFee: 'no',
      validity: 'invalid',
    };
    await waitFor(() =>
      expect(queries[queries.length - 1]).toEqual({
        accountId: 'acme-health',
        ...expectedFilters,
        sort: undefined,
        order: undefined,
        limit: 25,
        cursor: undefined,
      }),
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Email report: SMS Detailed Report' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'The report holds messages from 2026-11-01 to 2026-11-15 (UTC); created on or after 2026-10-01; project spaces south; gateway infobip; without a gateway fee; invalid messages only.',
      ),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByLabelText('Pipe (|)'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(/Report queued/)).toBeInTheDocument();
    expect(runRequests).toEqual([
      {
        accountId: 'acme-health',
        type: 'sms-detail',
        delimiter: '|',
        email: true,
        filters: expectedFilters,
      },
    ]);
  });

  it('takes the range of a link from the console', async () => {
    const { api, queries } = smsApi();
    await renderWithApis(<SmsTab />, {
      api,
      granted: [CONSOLE_READ, REPORT_EXPORT],
      initialEntries: ['/?account=acme-health&from=2026-10-01&to=2026-10-30'],
    });
    await screen.findByText('msg-00');
    expect(screen.getByLabelText('Date of message from (UTC)')).toHaveValue(
      '2026-10-01',
    );
    expect(queries[0]).toMatchObject({
      messageFrom: '2026-10-01',
      messageTo: '2026-10-30',
    });
  });
});
