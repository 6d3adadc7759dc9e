import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { acmeContacts } from '../../__fixtures__/billingStatements';
import {
  BILLING_MANAGE,
  BILLING_READ,
  billingApi,
  renderBillingSection,
} from '../../__testUtils__/renderBillingSection';
import { tableRows } from '../../__testUtils__/tableRows';
import { EnterpriseConsoleApi } from '../../api';

jest.setTimeout(30_000);

async function openEditor(methods: Partial<EnterpriseConsoleApi>) {
  const api = billingApi(methods);
  await renderBillingSection('section=contacts', {
    api,
    granted: [BILLING_READ, BILLING_MANAGE],
  });
  await screen.findByText('Billing contacts of Acme Health');
  await waitFor(() =>
    expect(screen.getByRole('button', { name: 'Edit contacts' })).toBeEnabled(),
  );
  fireEvent.click(screen.getByRole('button', { name: 'Edit contacts' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Billing contacts of Acme Health',
  });
  return { api, dialog };
}

describe('BillingTab contacts', () => {
  it('lists the billing contacts of the account', async () => {
    const api = billingApi();
    await renderBillingSection('section=contacts', {
      api,
      granted: [BILLING_READ, BILLING_MANAGE],
    });
    await screen.findByText('Billing contacts of Acme Health');
    await waitFor(() =>
      expect(tableRows()).toEqual([
        ['Dana Payable', 'ap@acme.example', 'Accounts payable'],
      ]),
    );
    expect(api.getBillingContacts).toHaveBeenCalledWith('acme-health');
  });

  it('adds and removes rows and saves the whole list with one PUT', async () => {
    const saved = [
      { name: 'Eve Finance', email: 'eve@acme.example', role: 'CFO' },
    ];
    let stored = acmeContacts;
    const updateBillingContacts = jest.fn(async (_id: string, items) => {
      stored = items;
      return items;
    });
    const { api, dialog } = await openEditor({
      updateBillingContacts,
      getBillingContacts: jest.fn(async () => stored),
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add contact' }),
    );
    fireEvent.change(within(dialog).getByLabelText('Name of contact 2'), {
      target: { value: ' Eve Finance ' },
    });
    fireEvent.change(within(dialog).getByLabelText('Email of contact 2'), {
      target: { value: 'AP@acme.example' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save contacts' }),
    );
    expect(
      within(dialog).getByText('This email is listed twice.'),
    ).toBeInTheDocument();
    expect(updateBillingContacts).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Email of contact 2'), {
      target: { value: 'eve@acme.example' },
    });
    fireEvent.change(within(dialog).getByLabelText('Role of contact 2'), {
      target: { value: 'CFO' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Remove contact 1' }),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save contacts' }),
    );
    expect(
      await screen.findByText('The billing contacts of Acme Health are saved.'),
    ).toBeInTheDocument();
    expect(updateBillingContacts).toHaveBeenCalledTimes(1);
    expect(updateBillingContacts).toHaveBeenCalledWith('acme-health', saved);
    await waitFor(() =>
      expect(tableRows()).toEqual([['Eve Finance', 'eve@acme.example', 'CFO']]),
    );
    expect(api.getBillingContacts).toHaveBeenCalledTimes(2);
  });

  it('names what is missing in a row', async () => {
    const updateBillingContacts = jest.fn();
    const { dialog } = await openEditor({ updateBillingContacts });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Add contact' }),
    );
    fireEvent.change(within(dialog).getByLabelText('Email of contact 2'), {
      target: { value: 'not an email' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save contacts' }),
    );
    expect(within(dialog).getByText('Enter a name.')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Enter an email address.'),
    ).toBeInTheDocument();
    expect(updateBillingContacts).not.toHaveBeenCalled();
  });

  it('says clearly when the server refuses the change (403)', async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Not allowed' },
          request: { method: 'PUT', url: '/' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const updateBillingContacts = jest.fn(async () => {
      throw refusal;
    });
    const { dialog } = await openEditor({ updateBillingContacts });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save contacts' }),
    );
    expect(
      await within(dialog).findByText(
        'You may not change the billing contacts of Acme Health (billing.manage, or settings.update on the account): Not allowed',
      ),
    ).toBeInTheDocument();
    expect(updateBillingContacts).toHaveBeenCalledWith(
      'acme-health',
      acmeContacts,
    );
  });

  it('says who gets the statements when there is no contact', async () => {
    await renderBillingSection('section=contacts', {
      api: billingApi({ getBillingContacts: jest.fn(async () => []) }),
      granted: [BILLING_READ, BILLING_MANAGE],
    });
    expect(
      await screen.findByText(
        'No billing contacts: statements go to the account’s admins.',
      ),
    ).toBeInTheDocument();
  });
});
