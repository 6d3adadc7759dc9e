import { Tenant } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { ReactNode } from 'react';
import { DateRangeFields } from '../DateRangeFields';
import { ANY_GATEWAY, SmsFilterForm } from './smsFilters';

function Choice<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: Array<[T, string]>;
  onChange: (value: T) => void;
}) {
  const { id, label, value, options, onChange } = props;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 180 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={label}
        value={value}
        onChange={event => onChange(event.target.value as T)}
      >
        {options.map(([optionValue, optionLabel]) => (
          <MenuItem key={optionValue} value={optionValue}>
            {optionLabel}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function Cell(props: { children: ReactNode }) {
  return (
    <Box mr={2} mb={2}>
      {props.children}
    </Box>
  );
}

/** Every filter of the SMS detailed report (reports.md, sms-detail). */
export function SmsFiltersForm(props: {
  value: SmsFilterForm;
  onChange: (value: SmsFilterForm) => void;
  tenants: Tenant[];
  gateways: string[];
  messageRangeProblem?: string;
}) {
  const { value, onChange, tenants, gateways } = props;
  const set = (patch: Partial<SmsFilterForm>) =>
    onChange({ ...value, ...patch });
  const tenantsById = new Map(tenants.map(tenant => [tenant.id, tenant]));
  return (
    <Box display="flex" flexWrap="wrap" alignItems="flex-start">
      <Cell>
        <DateRangeFields
          idPrefix="sms-message"
          label="Date of message"
          value={value.message}
          onChange={message => set({ message })}
          helperText={props.messageRangeProblem}
        />
      </Cell>
      <Cell>
        <DateRangeFields
          idPrefix="sms-created"
          label="Date created"
          value={value.created}
          onChange={created => set({ created })}
          helperText="Optional"
        />
      </Cell>
      <Cell>
        <Autocomplete
          multiple
          size="small"
          style={{ minWidth: 320 }}
          options={tenants.map(tenant => tenant.id)}
          value={value.tenantIds}
          onChange={(_event, tenantIds) => set({ tenantIds })}
          getOptionLabel={id => {
            const tenant = tenantsById.get(id);
            return tenant ? `${tenant.name} (${tenant.id})` : id;
          }}
          renderInput={params => (
            <TextField
              {...params}
              variant="outlined"
              label="Project spaces"
              placeholder={value.tenantIds.length ? '' : 'All'}
            />
          )}
        />
      </Cell>
      <Cell>
        <Choice
          id="sms-gateway"
          label="Gateway"
          value={value.gateway}
          options={[
            [ANY_GATEWAY, 'All gateways'],
            ...gateways.map(gateway => [gateway, gateway] as [string, string]),
          ]}
          onChange={gateway => set({ gateway })}
        />
      </Cell>
      <Cell>
        <Choice
          id="sms-gateway-fee"
          label="Has gateway fee"
          value={value.hasGatewayFee}
          options={[
            ['all', 'All'],
            ['yes', 'Yes'],
            ['no', 'No'],
          ]}
          onChange={hasGatewayFee => set({ hasGatewayFee })}
        />
      </Cell>
      <Cell>
        <Choice
          id="sms-validity"
          label="Validity"
          value={value.validity}
          options={[
            ['all', 'All'],
            ['valid', 'Valid'],
            ['invalid', 'Invalid'],
          ]}
          onChange={validity => set({ validity })}
        />
      </Cell>
    </Box>
  );
}
