import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import { acmeContacts } from '../../__fixtures__/billingStatements';
import {
  BILLING_MANAGE,
  BILLING_READ,
  billingApi,
  renderBillingSection,
} from '../../__testUtils__/renderBillingSection';
import { openDialog, press, typeInto } from '../../__testUtils__/dialogInput';
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
  const dialog = await openDialog(
    'Edit contacts',
    'Billing contacts of Acme Health',
  );
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
    press(dialog, 'Add contact');
    typeInto(dialog, { 'Name of contact 2': ' Eve Finance ' });
    typeInto(dialog, { 'Email of contact 2': 'AP@acme.example' });
    press(dialog, 'Save contacts');
    expect(
      within(dialog).getByText('This email is listed twice.'),
    ).toBeInTheDocument();
    expect(updateBillingContacts).not.toHaveBeenCalled();

    typeInto(dialog, { 'Email of contact 2': 'eve@acme.example' });
    typeInto(dialog, { 'Role of contact 2': 'CFO' });
    press(dialog, 'Remove contact 1');
    press(dialog, 'Save contacts');
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
    press(dialog, 'Add contact');
    typeInto(dialog, { 'Email of contact 2': 'not an email' });
    press(dialog, 'Save contacts');
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
    press(dialog, 'Save contacts');
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
