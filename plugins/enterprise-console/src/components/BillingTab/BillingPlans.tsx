import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  BillingPlan,
  enterpriseConsoleBillingReadPermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { AccessDenied } from '../AccessDenied';
import {
  featureLabel,
  featureUnion,
  NONE,
  PRICE_ROWS,
  TERMS_ROWS,
  TextRow,
} from './planComparison';

const HIDDEN_LABEL: Record<BillingPlan['visibility'], string | undefined> = {
  public: undefined,
  internal: 'Internal',
  archived: 'Archived',
};

// MUI gives every body cell the role `cell`; the row's label says what the
// row is to assistive technology (and to tests that find rows by label). It
// stays on one line; the plans' columns share what is left.
function RowLabel(props: { children: ReactNode }) {
  return (
    <TableCell
      component="th"
      scope="row"
      role="rowheader"
      style={{ whiteSpace: 'nowrap' }}
    >
      {props.children}
    </TableCell>
  );
}

function TextRows(props: { rows: readonly TextRow[]; plans: BillingPlan[] }) {
  return (
    <>
      {props.rows.map(row => (
        <TableRow key={row.label}>
          <RowLabel>{row.label}</RowLabel>
          {props.plans.map(plan => (
            <TableCell key={plan.id}>{row.cell(plan)}</TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

/** The catalogue side by side: one column per plan, in the server's order. */
export function PlanComparisonTable(props: { plans: BillingPlan[] }) {
  const { plans } = props;
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label="Plan comparison">
        <TableHead>
          <TableRow>
            <TableCell>Plan</TableCell>
            {plans.map(plan => {
              const hidden = HIDDEN_LABEL[plan.visibility];
              return (
                <TableCell key={plan.id} data-testid={`plan-${plan.id}`}>
                  <Typography variant="subtitle2" component="span">
                    {plan.name}
                  </Typography>
                  {hidden && (
                    // Only billing managers receive these; say so, since
                    // customers never see them.
                    <Box component="span" ml={1}>
                      <Chip size="small" variant="outlined" label={hidden} />
                    </Box>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          <TextRows rows={PRICE_ROWS} plans={plans} />
          {featureUnion(plans).map(feature => (
            <TableRow key={feature}>
              <RowLabel>{featureLabel(feature)}</RowLabel>
              {plans.map(plan =>
                plan.features.includes(feature) ? (
                  <TableCell key={plan.id}>
                    <CheckIcon fontSize="small" titleAccess="Included" />
                  </TableCell>
                ) : (
                  <TableCell key={plan.id} aria-label="Not included">
                    {NONE}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
          <TextRows rows={TERMS_ROWS} plans={plans} />
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * The plan comparison of the Billing tab. The server refuses the catalogue
 * (403) to users who may read no account's billing; they see which
 * permission is missing rather than an error.
 */
export function BillingPlans() {
  const api = useApi(enterpriseConsoleApiRef);
  const plans = useAsync(() => api.listBillingPlans(), [api]);
  if (plans.loading) {
    return <Progress />;
  }
  if (plans.error) {
    if ((plans.error as { statusCode?: number }).statusCode === 403) {
      return (
        <AccessDenied
          permissionName={enterpriseConsoleBillingReadPermission.name}
          resourceName="any account"
        />
      );
    }
    return <ResponseErrorPanel error={plans.error} />;
  }
  const catalogue = plans.value ?? [];
  return (
    <>
      <Box mb={2}>
        <Typography variant="h5" component="h2">
          Plans
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Prices in US dollars. A plan with an annual price can be billed 12
          months at a time at that price per month.
        </Typography>
      </Box>
      {catalogue.length === 0 ? (
        <Typography>The catalogue has no plans.</Typography>
      ) : (
        <PlanComparisonTable plans={catalogue} />
      )}
    </>
  );
}
