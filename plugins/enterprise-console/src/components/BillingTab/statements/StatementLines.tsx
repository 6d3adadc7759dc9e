import {
  InfoCard,
  StructuredMetadataTable,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  BillingInvoice,
  BillingInvoiceLine,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatMoney } from '../../../lib/numbers';

const columns: TableColumn<BillingInvoiceLine>[] = [
  { title: 'Description', render: line => line.description },
  { title: 'Quantity', align: 'right', render: line => line.quantity },
  {
    title: 'Unit price',
    align: 'right',
    render: line => formatMoney(line.unitPrice),
  },
  { title: 'Amount', align: 'right', render: line => formatMoney(line.amount) },
  {
    title: 'Credit applied',
    align: 'right',
    render: line => formatMoney(line.creditApplied),
  },
];

/** A statement's lines, its totals and its note. */
export function StatementLines(props: { invoice: BillingInvoice }) {
  const { invoice } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <Table<BillingInvoiceLine>
          title="Lines"
          columns={columns}
          data={invoice.lines}
          options={{
            paging: false,
            search: false,
            sorting: false,
            padding: 'dense',
          }}
          emptyContent={
            <Box p={3}>
              <Typography>This statement has no lines.</Typography>
            </Box>
          }
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Totals">
          <Box aria-label="Totals" role="group">
            <StructuredMetadataTable
              dense
              metadata={{
                Subtotal: formatMoney(invoice.subtotal),
                Credits: formatMoney(invoice.creditApplied),
                Total: formatMoney(invoice.total),
                Paid: formatMoney(invoice.paid),
                Balance: formatMoney(invoice.balance),
              }}
            />
          </Box>
        </InfoCard>
        {invoice.note && (
          <Box mt={2}>
            <InfoCard title="Note">
              <Typography variant="body2">{invoice.note}</Typography>
            </InfoCard>
          </Box>
        )}
      </Grid>
    </Grid>
  );
}
