import { BillingChangePreview } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { featureLabel } from './planComparison';

/**
 * What a change would do, before it is confirmed: when, why it waits, the
 * features in use it switches off, and the estimated invoice. Money is
 * shown exactly as the server computed it.
 */
export function ChangePreviewDetails(props: {
  preview: BillingChangePreview;
  currency?: string;
}) {
  const { preview, currency } = props;
  const { estimate } = preview;
  return (
    <Box data-testid="change-preview">
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
        <Typography variant="subtitle1" component="p">
          Takes effect on {preview.effectiveDate}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          color={preview.scheduled ? 'secondary' : 'primary'}
          label={preview.scheduled ? 'Scheduled' : 'Immediate'}
        />
      </Box>
      {preview.scheduled && preview.reason && (
        <Box mb={2}>
          <Alert severity="info">{preview.reason}</Alert>
        </Box>
      )}
      <Box mb={2}>
        {preview.featuresLost.length > 0 ? (
          <Alert severity="warning" aria-label="Features switched off">
            <AlertTitle>Features switched off</AlertTitle>
            <Typography variant="body2">
              These features are in use and the new plan lacks them. They are
              switched off; no data is deleted, and an upgrade switches them
              back on.
            </Typography>
            <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
              {preview.featuresLost.map(feature => (
                <li key={feature}>
                  {featureLabel(feature)}: switched off, data kept
                </li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No feature in use is switched off.
          </Typography>
        )}
      </Box>
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Estimated invoice for {estimate.period}
          {currency ? ` (${currency})` : ''}
        </Typography>
      </Box>
      <Table size="small" aria-label="Estimated invoice">
        <TableHead>
          <TableRow>
            <TableCell>Item</TableCell>
            <TableCell align="right">Quantity</TableCell>
            <TableCell align="right">Unit price</TableCell>
            <TableCell align="right">Amount</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {estimate.lines.map((line, index) => (
            <TableRow key={index}>
              <TableCell>{line.description}</TableCell>
              <TableCell align="right">{line.quantity}</TableCell>
              <TableCell align="right">{line.unitPrice}</TableCell>
              <TableCell align="right">{line.amount}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell component="th" scope="row" colSpan={3}>
              <strong>Estimated total</strong>
            </TableCell>
            <TableCell align="right">
              <strong>{estimate.total}</strong>
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary">
        Plan lines are prorated by day; extra users at today's active mobile
        users. SMS are not estimated.
      </Typography>
    </Box>
  );
}
