import { invoiceTestArea } from './__testUtils__/invoiceTestArea';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

describe.each(databases.eachSupportedId())(
  'the seeder billing writer on %p',
  databaseId => {
    it('writes the ledger by the rules of the routes', async () => {
      const { area, subscribe } = await invoiceTestArea(
        await databases.init(databaseId),
      );
      const { writer } = area;
      for (const tenantId of ['clinic', 'lab']) {
        await subscribe({
          tenantId,
          planId: 'standard',
          startDate: '2016-01-01',
        });
      }

      await expect(writer.runInvoices('2016-03')).rejects.toThrow(
        'Invalid invoice run: period 2016-03 is not over on 2016-03-10',
      );
      await expect(writer.runInvoices('2016-02')).resolves.toEqual({
        created: 2,
        existing: 0,
        failed: 0,
      });
      await expect(writer.runInvoices('2016-02')).resolves.toEqual({
        created: 0,
        existing: 2,
        failed: 0,
      });
      const [invoice, other] = await writer.invoices('acme');
      expect(invoice).toMatchObject({ period: '2016-02', paid: '0.00' });
      await expect(writer.invoices('nobody')).rejects.toThrow(
        'Account nobody not found',
      );

      const line = await writer.addCredit({
        accountId: 'acme',
        scope: 'general',
        amount: '3.00',
        note: 'Goodwill',
      });
      expect(line).toMatchObject({ scope: 'general', balance: '3.00' });
      expect(line.entries[0]).toMatchObject({
        amount: '3.00',
        reason: 'grant',
        author: 'enterprise-console:seeder',
      });
      await expect(
        writer.addCredit({
          accountId: 'nobody',
          scope: 'general',
          amount: '3.00',
          note: 'Goodwill',
        }),
      ).rejects.toThrow('Account nobody not found');

      await expect(
        writer.recordPayment({
          accountId: 'acme',
          method: 'eft',
          amount: '1.00',
          reference: 'R-0',
          receivedAt: '2016-03-11',
        }),
      ).rejects.toThrow(
        'Invalid payment: receivedAt 2016-03-11 is after today (2016-03-10)',
      );
      const payment = await writer.recordPayment({
        accountId: 'acme',
        invoiceId: invoice.id,
        method: 'eft',
        amount: '5.00',
        reference: 'R-1',
        receivedAt: '2016-03-01',
      });
      expect(payment.payer).toBe('enterprise-console:seeder');
      const [after] = await writer.invoices('acme');
      expect(after.paid).toBe('5.00');

      await expect(writer.voidInvoice('not-an-id', 'Wrong')).rejects.toThrow(
        'Invoice not-an-id not found',
      );
      await expect(writer.voidInvoice(invoice.id, '')).rejects.toThrow(
        /^Invalid void: reason/,
      );
      await expect(
        writer.voidInvoice(invoice.id, 'Issued twice'),
      ).rejects.toThrow(
        `Invoice ${invoice.number} has payments; it cannot be voided`,
      );
      const voided = await writer.voidInvoice(other.id, 'Issued twice');
      expect(voided).toMatchObject({
        status: 'void',
        voidReason: 'Issued twice',
      });

      const contact = {
        name: 'Amara Okafor',
        email: 'ap@acme.example',
        role: 'Accounts payable',
      };
      await expect(writer.setContacts('acme', [contact])).resolves.toEqual([
        contact,
      ]);
      await expect(
        writer.setContacts('acme', [
          contact,
          { ...contact, email: 'AP@acme.example' },
        ]),
      ).rejects.toThrow(
        'Invalid billing contacts: items.1.email AP@acme.example repeats items.0.email',
      );
      await expect(writer.setContacts('nobody', [])).rejects.toThrow(
        'Account nobody not found',
      );
    });
  },
);
