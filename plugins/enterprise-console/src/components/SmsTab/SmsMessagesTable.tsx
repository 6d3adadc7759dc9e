import { Table, TableColumn, TableProps } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  SmsDetailFilters,
  SmsMessage,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useRef } from 'react';
import { enterpriseConsoleApiRef, SmsSortKey } from '../../api';
import { formatUtc } from '../../lib/dates';
import { formatCharge } from '../../lib/numbers';
import { serverMessage } from '../../lib/serverMessage';

const charge = (
  title: string,
  field: 'gatewayCharge' | 'usageCharge' | 'totalCharge',
): TableColumn<SmsMessage> => ({
  title,
  field,
  type: 'numeric',
  // The server sorts by the total only.
  sorting: field === 'totalCharge',
  render: message => formatCharge(message[field]),
});

/**
 * The columns of the report, in its order; `field` names the server's sort
 * key where the server sorts by the column.
 */
const columns: TableColumn<SmsMessage>[] = [
  {
    title: 'Date of Message',
    field: 'sentAt',
    render: message => formatUtc(message.sentAt),
  },
  {
    title: 'Project Space Name',
    field: 'tenantId',
    // Long names stay on one line, cut short, whole on hover.
    render: message => (
      <Tooltip title={message.tenantId}>
        <Typography variant="body2" noWrap style={{ maxWidth: 240 }}>
          {message.tenantId}
        </Typography>
      </Tooltip>
    ),
  },
  {
    title: 'Direction',
    field: 'direction',
    sorting: false,
    render: message =>
      message.direction === 'incoming' ? 'Incoming' : 'Outgoing',
  },
  { title: 'SMS Parts', field: 'parts', type: 'numeric' },
  { title: 'Gateway', field: 'gateway' },
  charge('Gateway Charge', 'gatewayCharge'),
  charge('Usage Charge', 'usageCharge'),
  charge('Total Charge', 'totalCharge'),
  { title: 'Message Log ID', field: 'id', sorting: false },
  {
    title: 'Is Valid',
    field: 'valid',
    sorting: false,
    render: message => (message.valid ? 'Yes' : 'No'),
  },
  {
    title: 'Date Created',
    field: 'createdAt',
    render: message => formatUtc(message.createdAt),
  },
];

type RemoteQuery = Parameters<
  Exclude<TableProps<SmsMessage>['data'], SmsMessage[]>
>[0];

/**
 * The SMS detailed report as a table the server filters, sorts and pages.
 * The API pages by cursor, so the table remembers the cursor of each page
 * it reached and moves one page at a time. Mount it again (a new `key`)
 * when the filters change.
 */
export function SmsMessagesTable(props: {
  accountId: string;
  filters: SmsDetailFilters;
  onError: (message: string | undefined) => void;
}) {
  const { accountId, filters, onError } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const cursors = useRef({
    order: '',
    byPage: [undefined] as Array<string | undefined>,
  });

  const load = async (query: RemoteQuery) => {
    const sort = query.orderBy?.field as SmsSortKey | undefined;
    const order = sort ? query.orderDirection || undefined : undefined;
    const orderKey = `${sort}/${order}/${query.pageSize}`;
    if (orderKey !== cursors.current.order) {
      cursors.current = { order: orderKey, byPage: [undefined] };
    }
    const page = query.page < cursors.current.byPage.length ? query.page : 0;
    try {
      const result = await api.listSmsMessages({
        accountId,
        ...filters,
        sort,
        order,
        limit: query.pageSize,
        cursor: cursors.current.byPage[page],
      });
      cursors.current.byPage[page + 1] = result.nextCursor;
      onError(undefined);
      return { data: result.items, page, totalCount: result.totalCount };
    } catch (error) {
      onError(serverMessage(error));
      return { data: [], page: 0, totalCount: 0 };
    }
  };

  return (
    <Table<SmsMessage>
      title="SMS messages"
      columns={columns}
      data={load}
      options={{
        paging: true,
        pageSize: 25,
        pageSizeOptions: [25, 50, 100],
        showFirstLastPageButtons: false,
        search: false,
        padding: 'dense',
        thirdSortClick: false,
      }}
      emptyContent={
        <Box p={3}>
          <Typography>No messages match these filters.</Typography>
        </Box>
      }
    />
  );
}
