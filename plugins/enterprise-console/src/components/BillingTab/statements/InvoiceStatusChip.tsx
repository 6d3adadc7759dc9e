import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { StatusChip } from '../../StatusChip';
import { INVOICE_STATUS_LABELS } from './invoiceLabels';

const useStyles = makeStyles(theme => ({
  overdue: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/**
 * An invoice's status; an overdue one in the error colour, which the
 * shared chip does not offer.
 */
export function InvoiceStatusChip(props: { status: BillingInvoice['status'] }) {
  const classes = useStyles();
  if (props.status === 'overdue') {
    return (
      <Chip
        size="small"
        className={classes.overdue}
        label={INVOICE_STATUS_LABELS.overdue}
      />
    );
  }
  return (
    <StatusChip
      status={props.status}
      labels={INVOICE_STATUS_LABELS}
      colors={{ paid: 'primary' }}
      open={['open']}
    />
  );
}
