import { useApi } from '@backstage/core-plugin-api';
import { ReportRun } from '@internal/plugin-enterprise-console-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../api';
import { serverMessage } from '../../lib/serverMessage';

/** Cancels a queued or running run, once the user confirms. */
export function CancelRunButton(props: {
  run: ReportRun;
  onCancelled: () => void;
}) {
  const { run, onCancelled } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [failure, setFailure] = useState<string>();

  const cancel = async () => {
    setCancelling(true);
    setFailure(undefined);
    try {
      await api.cancelReportRun(run.id);
      setConfirming(false);
      onCancelled();
    } catch (error) {
      setFailure(serverMessage(error));
    } finally {
      setCancelling(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        aria-label={`Cancel run: ${run.name}`}
        onClick={() => setConfirming(true)}
      >
        Cancel
      </Button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby={`cancel-run-${run.id}`}
      >
        <DialogTitle id={`cancel-run-${run.id}`}>Cancel this run?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {run.name} stops within a few seconds; the rows written so far are
            discarded.
          </DialogContentText>
          {failure && <Alert severity="error">{failure}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Keep running</Button>
          <Button color="secondary" onClick={cancel} disabled={cancelling}>
            Cancel run
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
