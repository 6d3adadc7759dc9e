import { useApi } from '@backstage/core-plugin-api';
import {
  BillingInvoice,
  enterpriseConsoleBillingManagePermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../../api';
import { serverMessage } from '../../../lib/serverMessage';
import { useConsolePermission } from '../../../permissions';
import { describePayment } from '../payments/paymentLabels';
import { RecordPaymentDialog } from '../payments/RecordPaymentDialog';
import { isUnpaid, statementTitle } from './invoiceLabels';
import { PdfButton } from './PdfButton';
import { VoidStatementDialog } from './VoidStatementDialog';

/**
 * What may be done with a statement: everyone with billing.read downloads
 * its PDF; billing managers record a payment, email it and void it.
 * `onDone` gets what happened, in a sentence, once the server agreed.
 */
export function StatementActions(props: {
  invoice: BillingInvoice;
  onDone: (message: string) => void;
}) {
  const { invoice, onDone } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const { allowed: canManage } = useConsolePermission(
    enterpriseConsoleBillingManagePermission,
  );
  const [dialog, setDialog] = useState<'payment' | 'void'>();
  const [emailing, setEmailing] = useState(false);
  const [failure, setFailure] = useState<string>();
  const title = statementTitle(invoice);

  const email = async () => {
    setEmailing(true);
    setFailure(undefined);
    try {
      const delivery = await api.emailBillingInvoice(invoice.id);
      onDone(`${title} was emailed to ${delivery.sentTo.join(', ')}.`);
    } catch (error) {
      setFailure(serverMessage(error));
    } finally {
      setEmailing(false);
    }
  };

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <PdfButton invoice={invoice} variant="outlined" label="Download PDF" />
        {canManage && isUnpaid(invoice) && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setDialog('payment')}
          >
            Record payment
          </Button>
        )}
        {canManage && invoice.status !== 'void' && (
          <Button variant="outlined" disabled={emailing} onClick={email}>
            Email statement
          </Button>
        )}
        {canManage && invoice.status !== 'void' && (
          <Button color="secondary" onClick={() => setDialog('void')}>
            Void
          </Button>
        )}
      </Box>
      {failure && (
        <Typography
          role="alert"
          color="error"
          variant="body2"
          style={{ width: '100%' }}
        >
          {failure}
        </Typography>
      )}
      {dialog === 'payment' && (
        <RecordPaymentDialog
          accountId={invoice.accountId}
          invoices={[invoice]}
          initial={{ invoiceId: invoice.id, amount: invoice.balance }}
          onClose={() => setDialog(undefined)}
          onRecorded={payment => {
            setDialog(undefined);
            onDone(describePayment(payment));
          }}
        />
      )}
      {dialog === 'void' && (
        <VoidStatementDialog
          invoice={invoice}
          onClose={() => setDialog(undefined)}
          onVoid={async reason => {
            await api.voidBillingInvoice(invoice.id, reason);
            setDialog(undefined);
            onDone(`${title} is void.`);
          }}
        />
      )}
    </>
  );
}
