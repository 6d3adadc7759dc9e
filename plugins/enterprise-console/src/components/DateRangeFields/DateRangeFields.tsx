import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';

/** A range of UTC calendar days as two date inputs, `YYYY-MM-DD` each. */
export interface DateRangeValue {
  from: string;
  to: string;
}

/**
 * Two date inputs, "<label> from" and "<label> to". Values are UTC dates;
 * an input may be empty while the user edits it (or when the range is
 * optional).
 */
export function DateRangeFields(props: {
  label: string;
  value: DateRangeValue;
  onChange: (value: DateRangeValue) => void;
  helperText?: string;
  error?: boolean;
  idPrefix: string;
}) {
  const { label, value, onChange, helperText, error, idPrefix } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="flex-start">
      <Box mr={2} mb={1}>
        <TextField
          id={`${idPrefix}-from`}
          type="date"
          label={`${label} from (UTC)`}
          variant="outlined"
          size="small"
          InputLabelProps={{ shrink: true }}
          // Wide enough for the longest label on one line.
          style={{ minWidth: 230 }}
          value={value.from}
          error={error}
          onChange={event => onChange({ ...value, from: event.target.value })}
        />
      </Box>
      <Box mr={2} mb={1}>
        <TextField
          id={`${idPrefix}-to`}
          type="date"
          label={`${label} to (UTC)`}
          variant="outlined"
          size="small"
          InputLabelProps={{ shrink: true }}
          style={{ minWidth: 230 }}
          value={value.to}
          error={error}
          helperText={helperText}
          onChange={event => onChange({ ...value, to: event.target.value })}
        />
      </Box>
    </Box>
  );
}
