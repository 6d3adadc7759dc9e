import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Snackbar from '@material-ui/core/Snackbar';
import Alert from '@material-ui/lab/Alert';
import { rootRouteRef } from '../../routes';

/** Tells the user a run was queued, with a link to its progress. */
export function ReportQueuedNotice(props: {
  open: boolean;
  accountId: string;
  onClose: () => void;
}) {
  const consoleRoot = useRouteRef(rootRouteRef);
  const reports = `${consoleRoot()}/reports?account=${encodeURIComponent(
    props.accountId,
  )}`;
  return (
    <Snackbar
      open={props.open}
      onClose={(_event, reason) => reason !== 'clickaway' && props.onClose()}
      autoHideDuration={15_000}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert severity="success" onClose={props.onClose}>
        Report queued. You will get an email with the download link when it is
        ready. <Link to={reports}>Follow it under Reports</Link>
      </Alert>
    </Snackbar>
  );
}
