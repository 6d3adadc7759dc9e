import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';

/**
 * A section's notice above its content: what an action did (closable) or
 * why something failed; nothing without a message.
 */
export function Notice(props: {
  severity: 'success' | 'error';
  message?: ReactNode;
  onClose?: () => void;
}) {
  if (!props.message) return null;
  return (
    <Box mb={2}>
      <Alert severity={props.severity} onClose={props.onClose}>
        {props.message}
      </Alert>
    </Box>
  );
}
