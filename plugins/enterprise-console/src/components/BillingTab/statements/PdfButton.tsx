import { useApi } from '@backstage/core-plugin-api';
import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../../api';
import { saveBlob } from '../../../lib/saveBlob';
import { serverMessage } from '../../../lib/serverMessage';
import { statementTitle } from './invoiceLabels';

/**
 * Downloads a statement's PDF. The PDF needs the user's token, so it is
 * fetched through the API client and saved from an object URL.
 */
export function PdfButton(props: {
  invoice: BillingInvoice;
  variant?: 'text' | 'outlined';
  label?: string;
}) {
  const { invoice, variant = 'text', label = 'PDF' } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const download = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const pdf = await api.getBillingInvoicePdf(invoice.id);
      saveBlob(pdf.blob, pdf.filename);
    } catch (error) {
      setFailure(serverMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box display="inline-flex" alignItems="center" style={{ gap: 8 }}>
      <Button
        size="small"
        variant={variant}
        color="primary"
        disabled={busy}
        aria-label={`Download the PDF of ${statementTitle(invoice)}`}
        onClick={download}
      >
        {label}
      </Button>
      {failure && (
        <Typography role="alert" variant="caption" color="error">
          {failure}
        </Typography>
      )}
    </Box>
  );
}
