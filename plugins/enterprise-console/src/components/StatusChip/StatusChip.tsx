import Chip from '@material-ui/core/Chip';

/**
 * A status in words, the same way everywhere: outlined while it may still
 * change, coloured where an outcome needs attention.
 */
export function StatusChip<Status extends string>(props: {
  status: Status;
  labels: Record<Status, string>;
  colors: Partial<Record<Status, 'primary' | 'secondary'>>;
  /** The statuses that may still change. */
  open: readonly Status[];
}) {
  const { status, labels, colors, open } = props;
  return (
    <Chip
      size="small"
      label={labels[status] ?? status}
      color={colors[status] ?? 'default'}
      variant={open.includes(status) ? 'outlined' : 'default'}
    />
  );
}
