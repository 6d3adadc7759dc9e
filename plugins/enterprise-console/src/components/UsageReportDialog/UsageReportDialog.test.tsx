import { ResponseError } from '@backstage/errors';
import { CreateReportRunRequest } from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { UsageReportDialog } from './UsageReportDialog';

jest.setTimeout(30_000);

function render(createReportRun: EnterpriseConsoleApi['createReportRun']) {
  return renderWithApis(
    <UsageReportDialog
      open
      onClose={() => {}}
      accountId="acme-health"
      filter={{ accountId: 'acme-health', plan: 'gold' }}
      summary="The report holds the gold tenants of Acme Health."
    />,
    { api: fakeConsoleApi({ createReportRun }), granted: [] },
  );
}

const field = (label: RegExp | string) =>
  within(screen.getByRole('dialog')).getByLabelText(label);
const change = (label: RegExp | string, value: string) =>
  fireEvent.change(field(label), { target: { value } });
const generate = () =>
  screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;

async function choosePeriod(option: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: /^Period/ }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('UsageReportDialog', () => {
  it('offers every period of reports.md', async () => {
    await render(async () => ({ id: 'r', status: 'queued' }));
    fireEvent.mouseDown(screen.getByRole('button', { name: /^Period/ }));
    const options = await screen.findAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'Last 7 days',
      'Last 30 days',
      'Last 90 days',
      'Last 180 days',
      'Current month',
      'Last month',
      'Custom range',
    ]);
  });

  it('explains each problem of the form and sends nothing until it is fixed', async () => {
    const sent: CreateReportRunRequest[] = [];
    await render(async request => {
      sent.push(request);
      return { id: 'r', status: 'queued' };
    });
    change(/^Name/, '   ');
    expect(screen.getByText('A name is required.')).toBeInTheDocument();
    expect(generate()).toBeDisabled();
    change(/^Name/, 'x'.repeat(201));
    expect(screen.getByText('At most 200 characters.')).toBeInTheDocument();
    change(/^Name/, 'Gold tenants');
    change('Description (optional)', 'd'.repeat(1001));
    expect(screen.getByText('At most 1000 characters.')).toBeInTheDocument();
    change('Description (optional)', 'For finance');

    await choosePeriod('Custom range');
    change('Period from (UTC)', '2026-03-01');
    change('Period to (UTC)', '2026-02-01');
    expect(
      screen.getByText('The start date is after the end date.'),
    ).toBeInTheDocument();
    change('Period from (UTC)', '2025-01-01');
    change('Period to (UTC)', '2026-01-02');
    expect(
      screen.getByText('A custom period covers at most 366 days.'),
    ).toBeInTheDocument();
    expect(generate()).toBeDisabled();
    expect(sent).toEqual([]);

    // 366 days, both ends included: the longest period the server takes.
    change('Period to (UTC)', '2026-01-01');
    expect(generate()).toBeEnabled();
    fireEvent.click(screen.getByLabelText('Pipe (|)'));
    fireEvent.click(generate());
    expect(await screen.findByText(/Report queued/)).toBeInTheDocument();
    expect(sent).toEqual([
      {
        accountId: 'acme-health',
        type: 'tenant-usage',
        name: 'Gold tenants',
        description: 'For finance',
        delimiter: '|',
        period: 'custom',
        from: '2025-01-01',
        to: '2026-01-01',
        filter: { accountId: 'acme-health', plan: 'gold' },
      },
    ]);
  });

  it("shows the server's message when it refuses the run", async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'TooManyRequestsError',
            message: 'You already have 3 active report runs',
          },
          response: { statusCode: 429 },
        }),
        { status: 429, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    await render(async () => {
      throw refusal;
    });
    await choosePeriod('Last month');
    fireEvent.click(generate());
    expect(
      await screen.findByText('You already have 3 active report runs'),
    ).toBeInTheDocument();
    await waitFor(() => expect(generate()).toBeEnabled());
    expect(screen.queryByText(/Report queued/)).toBeNull();
  });
});
