import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  BillingContact,
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleSettingsUpdatePermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../../api';
import { serverMessage } from '../../../lib/serverMessage';
import { Notice } from '../Notice';
import { useConsolePermission } from '../../../permissions';
import { EditContactsDialog } from './EditContactsDialog';

const columns: TableColumn<BillingContact>[] = [
  { title: 'Name', render: contact => contact.name },
  { title: 'Email', render: contact => contact.email },
  { title: 'Role', render: contact => contact.role || '—' },
];

/**
 * An account's billing contacts, who receive its statements. Billing
 * managers edit them, and so do the account's admins (settings.update on
 * it); the server has the last word.
 */
export function ContactsPanel(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const manage = useConsolePermission(enterpriseConsoleBillingManagePermission);
  const settings = useConsolePermission(
    enterpriseConsoleSettingsUpdatePermission,
    account.id,
  );
  const canEdit = manage.allowed || settings.allowed;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const contacts = useAsyncRetry(
    () => api.getBillingContacts(account.id),
    [api, account.id],
  );

  return (
    <>
      <Notice
        severity="success"
        message={saved && `The billing contacts of ${account.name} are saved.`}
        onClose={() => setSaved(false)}
      />
      <Notice
        severity="error"
        message={contacts.error && serverMessage(contacts.error)}
      />
      {canEdit && (
        <Box mb={2} display="flex" justifyContent="flex-end">
          <Button
            variant="contained"
            color="primary"
            disabled={!contacts.value}
            onClick={() => setEditing(true)}
          >
            Edit contacts
          </Button>
        </Box>
      )}
      {!contacts.error && (
        <Table<BillingContact>
          title={`Billing contacts of ${account.name}`}
          columns={columns}
          data={contacts.value ?? []}
          isLoading={contacts.loading && !contacts.value}
          options={{
            paging: false,
            search: false,
            sorting: false,
            padding: 'dense',
          }}
          emptyContent={
            <Box p={3}>
              <Typography>
                No billing contacts: statements go to the account’s admins.
              </Typography>
            </Box>
          }
        />
      )}
      {editing && contacts.value && (
        <EditContactsDialog
          account={account}
          contacts={contacts.value}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            contacts.retry();
          }}
        />
      )}
    </>
  );
}
