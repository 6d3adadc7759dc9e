import type * as Model from '../generated/models';

/*
 * Report runs, tiles and the SMS detailed report as the HTTP API carries
 * them (api.md, "Enterprise console and reports"). Their fields are stated
 * once, in the backend's openapi.yaml (see ../generated/models.ts).
 */

/**
 * The field delimiter of a CSV file.
 *
 * @public
 */
export type CsvDelimiter = Model.ReportRun['delimiter'];

/**
 * Where a run is in its life.
 *
 * @public
 */
export type ReportRunStatus = Model.ReportRun['status'];

/**
 * The filters of the SMS detailed report, for its runs and its table.
 * Times are ISO 8601; ranges are `[from, to)`; message dates default to the
 * last 7 days; no tenants means every tenant of the account.
 *
 * @public
 */
export type SmsDetailFilters = Model.SmsDetailFilters;

/**
 * The body of `POST /v1/report-runs`.
 *
 * @public
 */
export type CreateReportRunRequest = Model.CreateReportRunRequest;

/**
 * A report run.
 *
 * @public
 */
export type ReportRun = Model.ReportRun;

/**
 * The parameters of a run, resolved at request time: relative ranges are
 * fixed to absolute times, so a queued run reports on the time it was asked.
 *
 * @public
 */
export type ReportRunParameters = Model.ReportRunParameters;

/**
 * One dashboard tile.
 *
 * @public
 */
export type ConsoleTile = Model.ConsoleTile;

/**
 * The answer of `GET /v1/accounts/{accountId}/tiles`.
 *
 * @public
 */
export type ConsoleTiles = Model.ConsoleTiles;

/**
 * One row of the SMS detailed report, as `GET /v1/sms` lists it. Charges are
 * decimal strings with four places.
 *
 * @public
 */
export type SmsMessage = Model.SmsMessage;

type ListSmsMessagesQuery =
  Model.operations['ListSmsMessages']['parameters']['query'];

/**
 * The query of `GET /v1/sms`: the SMS detailed report's filters, its order
 * (default `sentAt`, the report's order) and one page.
 *
 * @public
 */
export type SmsMessageQuery = SmsDetailFilters &
  Pick<
    ListSmsMessagesQuery,
    'accountId' | 'sort' | 'order' | 'limit' | 'cursor'
  >;

/**
 * The columns `GET /v1/sms` sorts by.
 *
 * @public
 */
export type SmsSortKey = NonNullable<ListSmsMessagesQuery['sort']>;
