import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import { isEmailAddress, MAX_RECIPIENTS } from './scheduleForm';

/**
 * Email addresses as chips: an address becomes a chip on Enter, comma,
 * space or leaving the field, only when it is an address and there is room
 * (1 to 20; recipients need not be portal users, so there is nothing to
 * pick from).
 */
export function RecipientsField(props: {
  value: string[];
  onChange: (recipients: string[]) => void;
  /** The form's problem with the recipients, shown when nothing is typed. */
  problem?: string;
  /** Reports text typed but not yet a chip, so saving can take it. */
  onPendingChange?: (pending: string) => void;
}) {
  const { value, onChange, problem, onPendingChange } = props;
  const [input, setInput] = useState('');
  const [inputProblem, setInputProblem] = useState<string>();

  const setPending = (text: string) => {
    setInput(text);
    setInputProblem(undefined);
    onPendingChange?.(text);
  };

  /** Turns the typed text into chips; false when some of it is refused. */
  const add = (text: string): boolean => {
    const typed = text
      .split(/[\s,;]+/)
      .map(part => part.trim())
      .filter(Boolean);
    if (typed.length === 0) return true;
    const wrong = typed.find(address => !isEmailAddress(address));
    if (wrong) {
      setInputProblem(`${wrong} is not an email address`);
      return false;
    }
    const next = [...value];
    for (const address of typed) {
      if (!next.some(r => r.toLowerCase() === address.toLowerCase())) {
        next.push(address);
      }
    }
    if (next.length > MAX_RECIPIENTS) {
      setInputProblem(`At most ${MAX_RECIPIENTS} recipients`);
      return false;
    }
    onChange(next);
    setPending('');
    return true;
  };

  const helper =
    inputProblem ??
    problem ??
    `${value.length}/${MAX_RECIPIENTS} addresses. Press Enter after each; they need not be portal users.`;
  return (
    <Autocomplete<string, true, false, true>
      multiple
      freeSolo
      options={[]}
      value={value}
      inputValue={input}
      onInputChange={(_event, text, reason) => {
        if (reason === 'reset') return;
        if (/[,;\s]$/.test(text)) {
          add(text);
          setInput(text.replace(/[,;\s]+$/, ''));
        } else {
          setPending(text);
        }
      }}
      onChange={(_event, next, reason) => {
        if (reason === 'create-option') {
          add(next[next.length - 1] ?? '');
        } else {
          onChange(next);
        }
      }}
      renderTags={(recipients, getTagProps) =>
        recipients.map((recipient, index) => (
          <Chip
            size="small"
            label={recipient}
            {...getTagProps({ index })}
            key={recipient}
          />
        ))
      }
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label="Recipients"
          id="schedule-recipients"
          required
          error={Boolean(inputProblem ?? problem)}
          helperText={helper}
          onBlur={() => add(input)}
          inputProps={{
            ...params.inputProps,
            'aria-label': 'Recipients',
          }}
        />
      )}
    />
  );
}
