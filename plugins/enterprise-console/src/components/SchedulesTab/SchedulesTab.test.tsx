import { ResponseError } from '@backstage/errors';
import {
  AccountSummary,
  Schedule,
  ScheduleRequest,
} from '@internal/plugin-enterprise-console-common';
import Typography from '@material-ui/core/Typography';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { SchedulesTab } from './SchedulesTab';

jest.setTimeout(60_000);

const SCHEDULE_MANAGE = 'enterprise-console.schedule.manage';
const globex: AccountSummary = {
  ...acme,
  id: 'globex-logistics',
  name: 'Globex Logistics',
};

function schedule(id: string, patch: Partial<Schedule> = {}): Schedule {
  return {
    id,
    accountId: acme.id,
    name: `Schedule ${id}`,
    type: 'project-spaces',
    recipients: ['ops@example.com'],
    recurrence: 'daily',
    time: '06:00',
    timezone: 'UTC',
    delimiter: ',',
    period: 'previous-day',
    enabled: true,
    nextRunAt: '2026-12-01T06:00:00.000Z',
    lastRunAt: null,
    lastStatus: null,
    createdBy: 'user:default/ada.okafor',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedBy: 'user:default/ada.okafor',
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...patch,
  };
}

/** The error the API client throws for an error answer of the backend. */
async function refusal(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** In-memory schedules that change as the backend's do, recording each call. */
function schedulesApi(
  initial: Schedule[],
  options: { refuse?: string; accounts?: AccountSummary[] } = {},
) {
  let schedules = [...initial];
  const calls: unknown[][] = [];
  const answer = (patch: Partial<Schedule> & { id: string }) => {
    schedules = schedules.map(s =>
      s.id === patch.id ? { ...s, ...patch } : s,
    );
    return schedules.find(s => s.id === patch.id)!;
  };
  const stored = (id: string, request: ScheduleRequest): Schedule => ({
    ...schedule(id),
    ...request,
    description: request.description,
    dayOfWeek: request.dayOfWeek,
    dayOfMonth: request.dayOfMonth,
    time: request.time ?? '06:00',
    timezone: request.timezone ?? 'UTC',
    delimiter: request.delimiter ?? ',',
    period: request.period ?? 'previous-day',
    enabled: request.enabled ?? true,
  });
  const api = Object.assign(accountsApi(options.accounts ?? [acme]), {
    async listSchedules(query: {
      accountId: string;
      limit?: number;
      cursor?: string;
    }) {
      calls.push(['listSchedules', query]);
      const items = schedules.filter(s => s.accountId === query.accountId);
      return { items, totalCount: items.length };
    },
    async getSchedule(id: string) {
      calls.push(['getSchedule', id]);
      const found = schedules.find(s => s.id === id);
      if (!found)
        throw await refusal(404, 'NotFoundError', `Schedule ${id} not found`);
      return found;
    },
    async createSchedule(request: ScheduleRequest) {
      calls.push(['createSchedule', request]);
      if (options.refuse)
        throw await refusal(400, 'InputError', options.refuse);
      const created = stored('new-1', request);
      schedules.push(created);
      return created;
    },
    async updateSchedule(id: string, request: ScheduleRequest) {
      calls.push(['updateSchedule', id, request]);
      if (options.refuse)
        throw await refusal(400, 'InputError', options.refuse);
      const { id: _id, ...rest } = stored(id, request);
      return answer({ id, ...rest });
    },
    async deleteSchedule(id: string) {
      calls.push(['deleteSchedule', id]);
      schedules = schedules.filter(s => s.id !== id);
    },
    async setScheduleEnabled(id: string, enabled: boolean) {
      calls.push(['setScheduleEnabled', id, enabled]);
      return answer({
        id,
        enabled,
        nextRunAt: enabled ? '2026-12-01T06:00:00.000Z' : null,
      });
    },
    async runSchedule(id: string) {
      calls.push(['runSchedule', id]);
      return { id: 'run-1', status: 'queued' as const };
    },
  });
  const callsOf = (name: string) =>
    calls.filter(call => call[0] === name).map(call => call.slice(1));
  return { api, calls, callsOf };
}

function renderTab(
  api: ReturnType<typeof schedulesApi>['api'],
  path = '/enterprise-console/schedules',
) {
  return renderWithApis(
    <Routes>
      <Route
        path="/enterprise-console/schedules/*"
        element={<SchedulesTab />}
      />
      <Route
        path="/enterprise-console/reports"
        element={<Typography>Reports page</Typography>}
      />
    </Routes>,
    { api, granted: [SCHEDULE_MANAGE], initialEntries: [path] },
  );
}

function rowOf(name: string) {
  return screen.getByRole('link', { name }).closest('tr')!;
}

function dialog() {
  return screen.getByRole('dialog');
}

function field(label: string | RegExp) {
  return within(dialog()).getByLabelText(label);
}

function type(label: string | RegExp, value: string) {
  fireEvent.change(field(label), { target: { value } });
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(field(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

function addRecipient(address: string) {
  const input = field('Recipients');
  fireEvent.change(input, { target: { value: address } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

function setTimeZone(zone: string) {
  fireEvent.change(field('Time zone'), { target: { value: zone } });
}

describe('SchedulesTab', () => {
  it('lists the schedules with their recurrence in words, runs and status', async () => {
    const { api, callsOf } = schedulesApi([
      schedule('s1', {
        name: 'Weekly spaces',
        recurrence: 'weekly',
        dayOfWeek: 'monday',
        time: '08:00',
        timezone: 'Europe/Berlin',
        recipients: ['ops@example.com', 'cfo@example.org'],
        nextRunAt: '2026-12-07T07:00:00.000Z',
        lastRunAt: '2026-11-30T07:00:00.000Z',
        lastStatus: 'failed',
        lastError: 'Account acme-health is not an enterprise account',
      }),
      schedule('s2', {
        name: 'Monthly usage',
        type: 'tenant-usage',
        recurrence: 'monthly',
        dayOfMonth: 28,
        period: 'last-month',
        enabled: false,
        nextRunAt: null,
        lastRunAt: '2026-11-28T06:00:00.000Z',
        lastStatus: 'succeeded',
      }),
    ]);
    await renderTab(api);

    const weekly = await waitFor(() => rowOf('Weekly spaces'));
    const cells = within(weekly)
      .getAllByRole('cell')
      .map(cell => cell.textContent);
    expect(cells.slice(0, 8)).toEqual([
      'Weekly spaces',
      'Project Spaces',
      'Every Monday at 08:00 Europe/Berlin',
      'ops@example.com, cfo@example.org',
      '2026-12-07 07:00:00 UTC',
      '2026-11-30 07:00:00 UTC',
      'FailedAccount acme-health is not an enterprise account',
      'Yes',
    ]);
    const monthly = within(rowOf('Monthly usage'))
      .getAllByRole('cell')
      .map(cell => cell.textContent);
    expect(monthly.slice(0, 8)).toEqual([
      'Monthly usage',
      'Tenant Usage',
      'Monthly on day 28 at 06:00 UTC',
      'ops@example.com',
      '—',
      '2026-11-28 06:00:00 UTC',
      'Succeeded',
      'No',
    ]);
    expect(
      within(rowOf('Monthly usage')).getByRole('button', {
        name: 'Enable Monthly usage',
      }),
    ).toBeInTheDocument();
    expect(callsOf('listSchedules')).toEqual([
      [{ accountId: 'acme-health', limit: 1000, cursor: undefined }],
    ]);
  });

  it('creates a weekly schedule with the exact body, then reloads and says so', async () => {
    const { api, callsOf } = schedulesApi([]);
    await renderTab(api);
    await screen.findByText(/^No scheduled reports yet/);

    fireEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    type(/^Name/, '  Weekly spaces  ');
    type('Description (optional)', 'For the ops team');
    await choose('Repeats', 'Weekly');
    await choose('Day of week', 'Wednesday');
    type('Time of day', '08:30');
    setTimeZone('Europe/Berlin');
    addRecipient('ops@example.com');
    addRecipient('cfo@example.org');
    await choose('Delimiter', 'Pipe (|)');
    fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }));

    expect(
      await screen.findByText(
        'Created Weekly spaces; it runs Every Wednesday at 08:30 Europe/Berlin.',
      ),
    ).toBeInTheDocument();
    expect(callsOf('createSchedule')).toEqual([
      [
        {
          accountId: 'acme-health',
          name: 'Weekly spaces',
          description: 'For the ops team',
          type: 'project-spaces',
          recipients: ['ops@example.com', 'cfo@example.org'],
          recurrence: 'weekly',
          dayOfWeek: 'wednesday',
          time: '08:30',
          timezone: 'Europe/Berlin',
          delimiter: '|',
          period: 'last-7-days',
          enabled: true,
        },
      ],
    ]);
    await waitFor(() => rowOf('Weekly spaces'));
    expect(callsOf('listSchedules')).toHaveLength(2);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('creates a monthly tenant usage schedule for chosen dates and a tenant filter', async () => {
    const { api, callsOf } = schedulesApi([]);
    await renderTab(api);
    await screen.findByText(/^No scheduled reports yet/);

    fireEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    type(/^Name/, 'Usage');
    await choose('Report', 'Tenant Usage');
    await choose('Repeats', 'Monthly');
    type('Day of month (1-28)', '15');
    setTimeZone('America/New_York');
    addRecipient('billing@example.com');
    await choose('Period', 'Custom dates');
    type('From', '2026-01-01');
    type('To', '2026-06-30');
    await choose('Tenants', 'Tenants matching a filter');
    type('Name or id contains', 'north');
    type('Plan', 'Pro');
    fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }));

    await screen.findByText(/^Created Usage;/);
    expect(callsOf('createSchedule')).toEqual([
      [
        {
          accountId: 'acme-health',
          name: 'Usage',
          type: 'tenant-usage',
          recipients: ['billing@example.com'],
          recurrence: 'monthly',
          dayOfMonth: 15,
          time: '06:00',
          timezone: 'America/New_York',
          delimiter: ',',
          period: 'custom',
          from: '2026-01-01',
          to: '2026-06-30',
          filter: { q: 'north', plan: 'Pro' },
          enabled: true,
        },
      ],
    ]);
  });

  it('edits a schedule: recipients and time, sending the whole schedule', async () => {
    const { api, callsOf } = schedulesApi([
      schedule('s1', {
        name: 'Daily spaces',
        recipients: ['old@example.com', 'keep@example.com'],
        timezone: 'Europe/Berlin',
      }),
    ]);
    await renderTab(api);
    await waitFor(() => rowOf('Daily spaces'));

    fireEvent.click(screen.getByRole('button', { name: 'Edit Daily spaces' }));
    expect(field(/^Name/)).toHaveValue('Daily spaces');
    expect(field('Time zone')).toHaveValue('Europe/Berlin');
    const oldChip = within(dialog()).getByRole('button', {
      name: 'old@example.com',
    });
    fireEvent.click(oldChip.querySelector('svg')!);
    addRecipient('new@example.com');
    type('Time of day', '07:45');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved Daily spaces.')).toBeInTheDocument();
    expect(callsOf('updateSchedule')).toEqual([
      [
        's1',
        {
          accountId: 'acme-health',
          name: 'Daily spaces',
          type: 'project-spaces',
          recipients: ['keep@example.com', 'new@example.com'],
          recurrence: 'daily',
          time: '07:45',
          timezone: 'Europe/Berlin',
          delimiter: ',',
          period: 'previous-day',
          enabled: true,
        },
      ],
    ]);
    await waitFor(() =>
      expect(
        within(rowOf('Daily spaces')).getByText(
          'Every day at 07:45 Europe/Berlin',
        ),
      ).toBeInTheDocument(),
    );
  });

  it('shows the server message when the server refuses the schedule', async () => {
    const { api, callsOf } = schedulesApi([], {
      refuse: 'Date ranges longer than 90 days are not supported',
    });
    await renderTab(api);
    await screen.findByText(/^No scheduled reports yet/);
    fireEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    type(/^Name/, 'Submissions');
    addRecipient('ops@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }));

    expect(
      await within(dialog()).findByText(
        'Date ranges longer than 90 days are not supported',
      ),
    ).toBeInTheDocument();
    expect(callsOf('createSchedule')).toHaveLength(1);
    expect(callsOf('listSchedules')).toHaveLength(1);
  });

  it('disables, enables, runs now and deletes (after confirming), each through its call', async () => {
    const { api, callsOf } = schedulesApi([
      schedule('s1', { name: 'Daily spaces' }),
    ]);
    await renderTab(api);
    await waitFor(() => rowOf('Daily spaces'));

    fireEvent.click(
      screen.getByRole('button', { name: 'Disable Daily spaces' }),
    );
    expect(
      await screen.findByText(
        'Disabled Daily spaces; it will not run until enabled again.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(rowOf('Daily spaces')).getByText('No')).toBeInTheDocument(),
    );

    fireEvent.click(
      await screen.findByRole('button', { name: 'Enable Daily spaces' }),
    );
    expect(
      await screen.findByText(
        'Enabled Daily spaces; it runs next as scheduled.',
      ),
    ).toBeInTheDocument();

    fireEvent.click(
      await screen.findByRole('button', { name: 'Run Daily spaces now' }),
    );
    expect(
      await screen.findByText(/^Queued a run of Daily spaces;/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Follow it under Reports' }),
    ).toHaveAttribute(
      'href',
      '/enterprise-console/reports?account=acme-health',
    );

    fireEvent.click(
      await screen.findByRole('button', { name: 'Delete Daily spaces' }),
    );
    expect(
      screen.getByRole('heading', { name: 'Delete Daily spaces?' }),
    ).toBeInTheDocument();
    expect(callsOf('deleteSchedule')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete schedule' }));
    expect(
      await screen.findByText('Deleted Daily spaces.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: 'Daily spaces' }),
      ).not.toBeInTheDocument(),
    );

    expect(callsOf('setScheduleEnabled')).toEqual([
      ['s1', false],
      ['s1', true],
    ]);
    expect(callsOf('runSchedule')).toEqual([['s1']]);
    expect(callsOf('deleteSchedule')).toEqual([['s1']]);
    // The first load and one after each of the four actions.
    expect(callsOf('listSchedules')).toHaveLength(5);
  });

  describe('validation before sending', () => {
    async function openNew() {
      const fake = schedulesApi([]);
      await renderTab(fake.api);
      await screen.findByText(/^No scheduled reports yet/);
      fireEvent.click(screen.getByRole('button', { name: 'New schedule' }));
      return fake;
    }

    it('refuses an address that is not one, and a 21st recipient', async () => {
      const { callsOf } = await openNew();
      type(/^Name/, 'Daily');
      addRecipient('not-an-address');
      expect(
        within(dialog()).getByText('not-an-address is not an email address'),
      ).toBeInTheDocument();
      expect(
        within(dialog()).queryByRole('button', { name: 'not-an-address' }),
      ).toBeNull();

      type('Recipients', '');
      for (let i = 1; i <= 20; i++) addRecipient(`r${i}@example.com`);
      expect(
        within(dialog()).getByText(/^20\/20 addresses/),
      ).toBeInTheDocument();
      addRecipient('r21@example.com');
      expect(
        within(dialog()).getByText('At most 20 recipients'),
      ).toBeInTheDocument();
      expect(
        within(dialog()).queryByRole('button', { name: 'r21@example.com' }),
      ).toBeNull();

      // What is still typed counts: an invalid address blocks saving.
      type('Recipients', 'r21@');
      fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
      expect(
        within(dialog()).getByText(
          'Correct the marked fields: r21@ is not an email address.',
        ),
      ).toBeInTheDocument();
      expect(callsOf('createSchedule')).toEqual([]);
    });

    it('needs at least one recipient and a name of 1 to 100 characters', async () => {
      const { callsOf } = await openNew();
      type(/^Name/, 'x'.repeat(101));
      fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
      expect(
        within(dialog()).getByText(
          'Correct the marked fields: Name must be 1 to 100 characters; Add 1 to 20 email addresses.',
        ),
      ).toBeInTheDocument();
      type(/^Name/, '   ');
      expect(
        within(dialog()).getAllByText('Name must be 1 to 100 characters'),
      ).not.toHaveLength(0);
      expect(callsOf('createSchedule')).toEqual([]);
    });

    it('takes a day of month from 1 to 28 only', async () => {
      const { callsOf } = await openNew();
      type(/^Name/, 'Monthly');
      addRecipient('ops@example.com');
      await choose('Repeats', 'Monthly');
      for (const wrong of ['29', '0', '2.5', '']) {
        type('Day of month (1-28)', wrong);
        fireEvent.click(
          screen.getByRole('button', { name: 'Create schedule' }),
        );
        expect(
          within(dialog()).getByText(
            'Correct the marked fields: Day of month must be a whole number from 1 to 28.',
          ),
        ).toBeInTheDocument();
      }
      expect(callsOf('createSchedule')).toEqual([]);
      type('Day of month (1-28)', '28');
      fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
      await screen.findByText(/^Created Monthly;/);
      expect(callsOf('createSchedule')[0][0]).toMatchObject({
        recurrence: 'monthly',
        dayOfMonth: 28,
        period: 'last-month',
      });
    });

    it('refuses an unknown time zone', async () => {
      const { callsOf } = await openNew();
      type(/^Name/, 'Daily');
      addRecipient('ops@example.com');
      setTimeZone('Mars/Olympus');
      fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
      expect(
        within(dialog()).getByText(
          'Correct the marked fields: Choose an IANA time zone such as Europe/Berlin.',
        ),
      ).toBeInTheDocument();
      expect(callsOf('createSchedule')).toEqual([]);
    });
  });

  it('opens schedules/<id> on the schedule’s account, with how to stop it', async () => {
    const { api, callsOf } = schedulesApi(
      [
        schedule('s1', { name: 'Acme daily' }),
        schedule('s2', {
          name: 'Globex weekly',
          accountId: globex.id,
          recurrence: 'weekly',
          dayOfWeek: 'friday',
        }),
      ],
      { accounts: [acme, globex] },
    );
    await renderTab(api, '/enterprise-console/schedules/s2');

    const card = await screen.findByLabelText('Schedule Globex weekly');
    expect(
      within(card).getByText('Schedule: Globex weekly'),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(
        'To stop this schedule, disable it (it keeps its settings and can be enabled again) or delete it.',
      ),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('button', { name: 'Disable Globex weekly' }),
    ).toBeInTheDocument();
    expect(callsOf('getSchedule')).toEqual([['s2']]);
    await waitFor(() => rowOf('Globex weekly'));
    expect(callsOf('listSchedules')).toEqual([
      [{ accountId: 'globex-logistics', limit: 1000, cursor: undefined }],
    ]);
    expect(screen.queryByText('Acme daily')).not.toBeInTheDocument();

    // Deleting it from there goes back to the list, saying so.
    fireEvent.click(
      within(card).getByRole('button', { name: 'Delete Globex weekly' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete schedule' }));
    expect(
      await screen.findByText('Deleted Globex weekly.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Schedule Globex weekly'),
    ).not.toBeInTheDocument();
    expect(callsOf('deleteSchedule')).toEqual([['s2']]);
  });

  it('says so when the schedule’s account is not one the picker offers', async () => {
    const { api, callsOf } = schedulesApi([
      schedule('s3', { name: 'Old plain', accountId: 'smallco' }),
    ]);
    await renderTab(api, '/enterprise-console/schedules/s3');
    expect(
      await screen.findByText(
        'Schedule Old plain belongs to the account smallco, which is not among the enterprise accounts you can choose here.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Schedule Old plain')).toBeNull();
    expect(callsOf('listSchedules')).toEqual([
      [{ accountId: 'acme-health', limit: 1000, cursor: undefined }],
    ]);
  });

  it('says clearly when schedules/<id> is unknown or not the user’s to manage', async () => {
    const { api, callsOf } = schedulesApi([]);
    await renderTab(api, '/enterprise-console/schedules/gone');
    expect(
      await screen.findByText(
        /^Schedule gone was not found: it was deleted, or you may not manage the schedules of its account\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Show the schedules' }),
    ).toHaveAttribute('href', '/enterprise-console/schedules');
    expect(callsOf('listSchedules')).toEqual([]);
  });
});
