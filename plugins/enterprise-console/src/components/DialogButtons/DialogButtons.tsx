import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';
import { ReactNode } from 'react';

/**
 * A dialog's buttons: the one that closes it without acting, then the
 * contained one that acts (secondary colour for a destructive action).
 */
export function DialogButtons(props: {
  onCancel: () => void;
  /** Defaults to Cancel. */
  cancelLabel?: ReactNode;
  action: ReactNode;
  onAction: () => void;
  disabled?: boolean;
  color?: 'primary' | 'secondary';
  /** False once there is nothing left to act on (only the close button stays). */
  showAction?: boolean;
}) {
  const {
    onCancel,
    cancelLabel = 'Cancel',
    action,
    onAction,
    disabled,
    color = 'primary',
    showAction = true,
  } = props;
  return (
    <DialogActions>
      <Button onClick={onCancel}>{cancelLabel}</Button>
      {showAction && (
        <Button
          color={color}
          variant="contained"
          disabled={disabled}
          onClick={onAction}
        >
          {action}
        </Button>
      )}
    </DialogActions>
  );
}
