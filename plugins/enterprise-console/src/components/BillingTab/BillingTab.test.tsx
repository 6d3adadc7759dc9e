import { screen, within } from '@testing-library/react';
import { BillingPlan } from '@internal/plugin-enterprise-console-common';
import { billingPlans } from '../../__fixtures__/billingPlans';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

/** The comparison as text, one array per row, header first. */
function tableText(): string[][] {
  const table = screen.getByRole('table', { name: 'Plan comparison' });
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(
        cell => cell.textContent ?? '',
      ),
    );
}

async function renderCatalogue(plans: BillingPlan[]) {
  const listBillingPlans = jest.fn(async () => plans);
  await renderWithApis(<BillingTab />, {
    api: fakeConsoleApi({ listBillingPlans }),
    // The catalogue's access is the server's to decide (billing.read on
    // any account); the tab asks no permission of its own.
    granted: [],
  });
  await screen.findByRole('table', { name: 'Plan comparison' });
  return listBillingPlans;
}

describe('BillingTab', () => {
  it('compares the plans column by column, in catalogue order', async () => {
    const listBillingPlans = await renderCatalogue(billingPlans);
    expect(listBillingPlans).toHaveBeenCalledTimes(1);
    expect(tableText()).toEqual([
      ['Plan', 'Community', 'Standard', 'Pro', 'Advanced', 'Enterprise'],
      [
        'Monthly fee',
        '$0.00',
        '$300.00',
        '$600.00',
        '$1,200.00',
        'by contract',
      ],
      ['Annual price per month', '—', '$270.00', '—', '—', '—'],
      ['Included mobile users', '10', '50', '250', '1,500', 'unlimited'],
      ['Extra mobile user per month', '$2.00', '$2.00', '$2.00', '$1.50', '—'],
      ['Included SMS parts per month', '0', '50', '50', '50', 'unlimited'],
      // The union of the features, first listed first.
      ['SMS reminders', '—', 'Included', 'Included', 'Included', '—'],
      ['API access', '—', 'Included', 'Included', 'Included', 'Included'],
      ['OData feeds', '—', '—', 'Included', 'Included', '—'],
      ['Custom roles', '—', '—', '—', 'Included', 'Included'],
      [
        'Support',
        'Community forum',
        'General support',
        'Application support',
        'Named contact',
        'By contract',
      ],
      ['BAA (HIPAA)', 'No', 'No', 'No', 'Yes', 'Yes'],
    ]);
    expect(
      screen.getAllByRole('rowheader').map(cell => cell.textContent),
    ).toEqual(
      tableText()
        .slice(1)
        .map(row => row[0]),
    );
    // A feature a plan lacks is a dash that says so.
    expect(screen.getAllByLabelText('Not included')).toHaveLength(9);
    expect(screen.queryByText('Internal')).not.toBeInTheDocument();
    expect(screen.queryByText('Archived')).not.toBeInTheDocument();
  });

  it('marks the internal and archived plans billing managers receive', async () => {
    const partner: BillingPlan = {
      ...billingPlans[2],
      id: 'partner',
      name: 'Partner',
      edition: 'partner-edition',
      features: ['white-label'],
      visibility: 'internal',
    };
    const legacy: BillingPlan = {
      ...billingPlans[1],
      id: 'legacy',
      name: 'Legacy',
      visibility: 'archived',
    };
    await renderCatalogue([billingPlans[0], partner, legacy]);
    expect(screen.getByTestId('plan-partner').textContent).toBe(
      'PartnerInternal',
    );
    expect(screen.getByTestId('plan-legacy').textContent).toBe(
      'LegacyArchived',
    );
    expect(screen.getByTestId('plan-community').textContent).toBe('Community');
    expect(tableText()[6]).toEqual(['White label', '—', 'Included', '—']);
  });

  it('says so when the catalogue is empty', async () => {
    await renderWithApis(<BillingTab />, {
      api: fakeConsoleApi({ listBillingPlans: async () => [] }),
      granted: [],
    });
    expect(
      await screen.findByText('The catalogue has no plans.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failure other than a refusal as an error', async () => {
    const failure = Object.assign(new Error('Backend unavailable'), {
      statusCode: 503,
    });
    await renderWithApis(<BillingTab />, {
      api: fakeConsoleApi({
        listBillingPlans: async () => {
          throw failure;
        },
      }),
      granted: [],
    });
    expect(
      await screen.findByText('Error: Backend unavailable'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('You do not have access'),
    ).not.toBeInTheDocument();
  });
});
