import { screen, waitFor } from '@testing-library/react';
import { novemberStatement } from '../../__fixtures__/billingStatements';
import {
  BILLING_READ,
  billingApi,
  renderBillingSection,
} from '../../__testUtils__/renderBillingSection';
import { tableRows } from '../../__testUtils__/tableRows';

jest.setTimeout(30_000);

describe('BillingTab statements without billing.manage', () => {
  it('lists the statements with their PDFs but no invoice run', async () => {
    await renderBillingSection('section=statements', {
      api: billingApi(),
      granted: [BILLING_READ],
    });
    await screen.findByText('Statements of Acme Health');
    await waitFor(() => expect(tableRows()).toHaveLength(5));
    expect(
      screen.getByRole('button', {
        name: 'Download the PDF of Statement 1012',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Invoice run')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run invoices' }),
    ).not.toBeInTheDocument();
  });

  it('opens a statement with only its PDF to download', async () => {
    await renderBillingSection(
      'section=statements&account=acme-health&statement=inv-1012',
      {
        api: billingApi({
          getBillingInvoice: jest.fn(async () => novemberStatement),
        }),
        granted: [BILLING_READ],
      },
    );
    await screen.findByRole('heading', { name: 'Statement 1012' });
    expect(
      screen.getByRole('button', {
        name: 'Download the PDF of Statement 1012',
      }),
    ).toBeInTheDocument();
    for (const name of ['Record payment', 'Email statement', 'Void']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });
});
