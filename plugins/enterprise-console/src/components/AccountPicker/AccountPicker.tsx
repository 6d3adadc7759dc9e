import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** Chooses the account a tab works on; hidden when there is only one. */
export function AccountPicker(props: {
  accounts: AccountSummary[];
  selected: AccountSummary;
  onSelect: (accountId: string) => void;
}) {
  const { accounts, selected, onSelect } = props;
  if (accounts.length < 2) {
    return null;
  }
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 280 }}>
      <InputLabel id="enterprise-account-label">Account</InputLabel>
      <Select
        labelId="enterprise-account-label"
        label="Account"
        value={selected.id}
        onChange={event => onSelect(String(event.target.value))}
      >
        {accounts.map(account => (
          <MenuItem key={account.id} value={account.id}>
            {account.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
