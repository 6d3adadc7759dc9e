import { ResponseError } from '@backstage/errors';
import {
  DomainBinding,
  DomainBindingStatus,
} from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { DomainApprovalsTab } from './DomainApprovalsTab';

jest.setTimeout(30_000);

const DOMAIN_APPROVE = 'enterprise-console.domain.approve';

function binding(
  id: string,
  domain: string,
  patch: Partial<DomainBinding> = {},
): DomainBinding {
  return {
    id,
    accountId: acme.id,
    domain,
    status: 'pending',
    requestedAt: '2026-11-30T09:15:00.000Z',
    requestedBy: 'user:default/ada.okafor',
    decidedAt: null,
    decidedBy: null,
    ...patch,
  };
}

async function conflict(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        request: { method: 'POST', url: '/' },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** An in-memory approval queue that decides like the backend. */
function queueApi(
  initial: DomainBinding[],
  options: { approveFails?: string } = {},
) {
  let bindings = [...initial];
  const listed: DomainBindingStatus[] = [];
  const decisions: Array<[string, string, string?]> = [];
  const decide = (id: string, patch: Partial<DomainBinding>) => {
    bindings = bindings.map(b =>
      b.id === id
        ? {
            ...b,
            ...patch,
            decidedAt: '2026-11-30T10:00:00.000Z',
            decidedBy: 'user:default/demo-platform-admin',
          }
        : b,
    );
    return bindings.find(b => b.id === id)!;
  };
  const api: EnterpriseConsoleApi = {
    ...accountsApi([acme]),
    async listDomainBindings(status) {
      listed.push(status);
      return bindings.filter(b => b.status === status);
    },
    async approveDomainBinding(id) {
      decisions.push(['approve', id]);
      if (options.approveFails) throw await conflict(options.approveFails);
      return decide(id, { status: 'approved' });
    },
    async rejectDomainBinding(id, reason) {
      decisions.push(['reject', id, reason]);
      return decide(id, { status: 'rejected', reason });
    },
  };
  return { api, listed, decisions };
}

function renderTab(api: EnterpriseConsoleApi) {
  return renderWithApis(<DomainApprovalsTab />, {
    api,
    granted: [DOMAIN_APPROVE],
  });
}

function rowOf(domain: string) {
  return screen.getByText(domain).closest('tr')!;
}

describe('DomainApprovalsTab', () => {
  it('lists the pending bindings with their account and requester', async () => {
    const { api, listed } = queueApi([
      binding('b1', 'acme.example'),
      binding('b2', 'approved.example', { status: 'approved' }),
    ]);
    await renderTab(api);

    const row = await waitFor(() => rowOf('acme.example'));
    expect(
      within(row).getByText('Acme Health (acme-health)'),
    ).toBeInTheDocument();
    expect(within(row).getByText('ada.okafor')).toBeInTheDocument();
    expect(
      within(row).getByText('2026-11-30 09:15:00 UTC'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Pending approval')).toBeInTheDocument();
    expect(screen.queryByText('approved.example')).not.toBeInTheDocument();
    expect(listed).toEqual(['pending']);
  });

  it('says so when nothing is pending', async () => {
    const { api } = queueApi([]);
    await renderTab(api);
    expect(
      await screen.findByText(/^Nothing to approve\./),
    ).toBeInTheDocument();
  });

  it('filters by status: decided bindings show who decided, and no actions', async () => {
    const { api, listed } = queueApi([
      binding('b1', 'acme.example'),
      binding('b2', 'old.example', {
        status: 'rejected',
        reason: 'Belongs to another company',
        decidedAt: '2026-11-29T08:00:00.000Z',
        decidedBy: 'user:default/demo-platform-admin',
      }),
    ]);
    await renderTab(api);
    await waitFor(() => rowOf('acme.example'));

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByRole('option', { name: 'Rejected' }));

    const row = await waitFor(() => rowOf('old.example'));
    expect(within(row).getByText('demo-platform-admin')).toBeInTheDocument();
    expect(
      within(row).getByText('2026-11-29 08:00:00 UTC'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('Belongs to another company'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Rejected')).toBeInTheDocument();
    expect(screen.queryByText('acme.example')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Approve/ }),
    ).not.toBeInTheDocument();
    expect(listed).toEqual(['pending', 'rejected']);
  });

  it('approves a binding, then shows the queue without it', async () => {
    const { api, listed, decisions } = queueApi([
      binding('b1', 'acme.example'),
      binding('b2', 'second.example'),
    ]);
    await renderTab(api);
    await waitFor(() => rowOf('acme.example'));

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Approve acme.example for acme-health',
      }),
    );

    expect(
      await screen.findByText('Approved acme.example for acme-health.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('acme.example')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('second.example')).toBeInTheDocument();
    expect(decisions).toEqual([['approve', 'b1']]);
    expect(listed).toEqual(['pending', 'pending']);
  });

  it('shows the server message when an approval is refused', async () => {
    const { api, listed } = queueApi([binding('b1', 'acme.example')], {
      approveFails: 'acme.example is already approved for globex-logistics',
    });
    await renderTab(api);
    await waitFor(() => rowOf('acme.example'));

    fireEvent.click(screen.getByRole('button', { name: /^Approve/ }));

    expect(
      await screen.findByText(
        'acme.example is already approved for globex-logistics',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'acme.example is already approved for globex-logistics',
    );
    await waitFor(() => expect(listed).toEqual(['pending', 'pending']));
    expect(screen.getByText('acme.example')).toBeInTheDocument();
  });

  it('rejects a binding only with a reason', async () => {
    const { api, decisions } = queueApi([binding('b1', 'acme.example')]);
    await renderTab(api);
    await waitFor(() => rowOf('acme.example'));

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Reject acme.example for acme-health',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Reject acme.example?'),
    ).toBeInTheDocument();
    const submit = within(dialog).getByRole('button', {
      name: 'Reject domain',
    });
    expect(submit).toBeDisabled();
    const reason = within(dialog).getByLabelText(/Reason/);
    expect(reason).toHaveAttribute('maxlength', '1000');
    fireEvent.change(reason, { target: { value: '   ' } });
    expect(submit).toBeDisabled();
    fireEvent.change(reason, {
      target: { value: '  Acme does not own this domain. ' },
    });
    expect(within(dialog).getByText('33/1000 characters')).toBeInTheDocument();
    fireEvent.click(submit);

    expect(
      await screen.findByText('Rejected acme.example for acme-health.'),
    ).toBeInTheDocument();
    expect(decisions).toEqual([
      ['reject', 'b1', 'Acme does not own this domain.'],
    ]);
    expect(
      await screen.findByText(/^Nothing to approve\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
