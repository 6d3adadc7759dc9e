import { useApi } from '@backstage/core-plugin-api';
import { TenantListItem } from '@internal/plugin-enterprise-console-common';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { enterpriseConsoleApiRef } from '../../api';

/**
 * Finds a tenant the user can see by part of its name or id, 20 at a time
 * (an account may have thousands).
 */
export function TenantSearchField(props: {
  value: string;
  onChange: (tenantId: string) => void;
  error?: string;
}) {
  const { value, onChange, error } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  useDebounce(() => setQuery(input.trim()), 250, [input]);
  const options = useAsync(
    async () =>
      (
        await api.listTenants({
          ...(query ? { q: query } : {}),
          sort: 'name',
          limit: 20,
        })
      ).items,
    [api, query],
  );
  // The choice is kept apart from the options, which change as one types.
  const [chosen, setChosen] = useState<TenantListItem | null>(null);
  const items: TenantListItem[] = options.value ?? [];
  const selected = chosen?.id === value ? chosen : null;
  return (
    <Autocomplete<TenantListItem>
      id="application-tenant"
      options={items}
      loading={options.loading}
      value={selected}
      filterOptions={all => all}
      getOptionLabel={tenant => `${tenant.name} (${tenant.id})`}
      getOptionSelected={(option, other) => option.id === other.id}
      onChange={(_, tenant) => {
        setChosen(tenant);
        onChange(tenant?.id ?? '');
      }}
      inputValue={input}
      onInputChange={(_, text) => setInput(text)}
      renderInput={params => (
        <TextField
          {...params}
          label="Tenant"
          variant="outlined"
          required
          error={!!error}
          helperText={error ?? 'Type part of the tenant’s name or id.'}
        />
      )}
    />
  );
}
