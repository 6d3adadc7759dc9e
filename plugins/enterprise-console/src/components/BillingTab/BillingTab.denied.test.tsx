import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import { catalogueRefusal } from '../../__fixtures__/billingPlans';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

describe('BillingTab for a user who may read no account’s billing', () => {
  it('shows the access-denied page naming billing.read', async () => {
    // The server's 403, as the client turns it into an error.
    const refusal = await ResponseError.fromResponse(
      new Response(JSON.stringify(catalogueRefusal), {
        status: 403,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const listBillingPlans = jest.fn(async () => {
      throw refusal;
    });
    await renderWithApis(<BillingTab />, {
      api: fakeConsoleApi({ listBillingPlans }),
      granted: ['enterprise-console.report.export'],
    });
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.billing.read'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(listBillingPlans).toHaveBeenCalledTimes(1);
  });
});
