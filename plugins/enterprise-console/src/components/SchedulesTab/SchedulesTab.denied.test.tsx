import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { SchedulesTab } from './SchedulesTab';

jest.setTimeout(30_000);

describe('SchedulesTab for a user without schedule.manage', () => {
  it('shows the access-denied page and never lists schedules', async () => {
    const listSchedules = jest.fn(async () => ({ items: [], totalCount: 0 }));
    const api = Object.assign(accountsApi([acme]), { listSchedules });
    // A report exporter may export, but not schedule.
    await renderWithApis(<SchedulesTab />, {
      api,
      granted: ['enterprise-console.report.export'],
    });
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.schedule.manage'),
    ).toBeInTheDocument();
    expect(screen.queryByText('New schedule')).not.toBeInTheDocument();
    expect(listSchedules).toHaveBeenCalledTimes(0);
  });
});
