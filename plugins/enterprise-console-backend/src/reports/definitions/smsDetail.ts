import { InputError } from '@backstage/errors';
import { readBoolean } from '../../database/columns';
import { ReportRow } from '../csv/CsvWriter';
import { ReportDefinition } from '../ReportDefinition';
import {
  chargesOf,
  createdAtOf,
  SmsMessageRow,
  SmsMessageStore,
} from '../sms/SmsMessageStore';
import {
  parseSmsFilters,
  resolveSmsFilters,
  SMS_FILTER_NAMES,
  toSmsDetailFilters,
} from '../sms/smsFilters';
import { runParametersOnly } from './parameters';

/** One message as a row of reports.md's sms-detail columns. */
function toReportRow(row: SmsMessageRow): ReportRow {
  const charges = chargesOf(row);
  return [
    row.sent_at,
    row.tenant_id,
    row.direction === 'incoming' ? 'Incoming' : 'Outgoing',
    Number(row.parts),
    row.gateway,
    charges.gateway,
    charges.usage,
    charges.total,
    row.id,
    readBoolean(row.valid),
    createdAtOf(row),
  ];
}

/**
 * reports.md, sms-detail: one row per message of the account's tenants
 * that passes the filters, by date of message, then message log id (then
 * tenant id, so that equal ids of two tenants keep one order), ignoring
 * the tenant-first rule of the other reports. Charges are in
 * ten-thousandths: parts × fee per part, a missing fee counting as 0.
 *
 * The filters are those of the SMS table (`GET /v1/sms`), in `filters`;
 * `from`/`to` may give the message range instead (the dashboard's range
 * picker), but not both.
 */
const resolveParameters: ReportDefinition['resolveParameters'] = async (
  request,
  { db, accountId, now },
) => {
  const filters: Record<string, unknown> = { ...(request.filters ?? {}) };
  const unknown = Object.keys(filters).find(
    key => !(SMS_FILTER_NAMES as readonly string[]).includes(key),
  );
  if (unknown !== undefined) {
    throw new InputError(`filters.${unknown} is not an SMS report filter`);
  }
  if (request.from !== undefined || request.to !== undefined) {
    if (filters.messageFrom !== undefined || filters.messageTo !== undefined) {
      throw new InputError(
        'Give the date of message range either as from/to or as filters.messageFrom/filters.messageTo, not both',
      );
    }
    filters.messageFrom = request.from;
    filters.messageTo = request.to;
  }
  const filter = await resolveSmsFilters(filters, {
    db,
    accountId,
    now,
    prefix: 'filters.',
  });
  return {
    ...runParametersOnly(request),
    filters: toSmsDetailFilters(filter),
  };
};

/** The sms-detail report, reading messages through the area's `sms` store. */
export function createSmsDetailReport(stores: {
  sms: SmsMessageStore;
}): ReportDefinition {
  const { sms } = stores;
  return {
    type: 'sms-detail',
    resolveParameters,
    async *rows(context) {
      const { account, batchSize } = context;
      // Resolved when the run was asked for: the range is absolute, and the
      // tenants were the account's. One that has moved since is left out by
      // the query, which reads only tenants of the account.
      const filter = parseSmsFilters(
        { ...(context.parameters.filters ?? {}) },
        { now: context.requestedAt },
      );
      for await (const page of sms.pages(account.id, filter, {
        sort: 'sentAt',
        limit: batchSize,
      })) {
        yield page.map(toReportRow);
      }
    },
  };
}
