import { ReportRun } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { formatCount } from '../../lib/numbers';

/**
 * How far an active run is: rows written, against an estimate of its rows
 * when there is one (a determinate bar), else an indeterminate bar.
 */
export function RunProgress(props: { run: ReportRun; estimate?: number }) {
  const { run, estimate } = props;
  if (run.status === 'queued') {
    return (
      <Box minWidth={140}>
        <LinearProgress aria-label={`Progress of ${run.name}`} />
        <Typography variant="caption">Waiting to start</Typography>
      </Box>
    );
  }
  if (run.status !== 'running') {
    return null;
  }
  // An estimate the run has outgrown says nothing any more.
  const determinate =
    estimate !== undefined && estimate > 0 && run.rowsWritten < estimate;
  return (
    <Box minWidth={140}>
      {determinate ? (
        <LinearProgress
          aria-label={`Progress of ${run.name}`}
          variant="determinate"
          value={Math.floor((run.rowsWritten / estimate!) * 100)}
        />
      ) : (
        <LinearProgress aria-label={`Progress of ${run.name}`} />
      )}
      <Typography variant="caption">
        {determinate
          ? `${formatCount(run.rowsWritten)} of about ${formatCount(
              estimate!,
            )} rows`
          : `${formatCount(run.rowsWritten)} rows written`}
      </Typography>
    </Box>
  );
}
