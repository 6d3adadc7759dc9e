import { ReportRun } from '@internal/plugin-enterprise-console-common';
import { ReportRunRecord } from './ReportRunStore';

/**
 * A stored run as the API answers it. A succeeded run past its expiry is
 * `expired`, whether or not the cleanup has removed its file yet; only a
 * run that can still be downloaded carries a link.
 */
export function toReportRun(
  record: ReportRunRecord,
  options: {
    now: Date;
    downloadUrlFor?: (run: { id: string; expiresAt: Date }) => string;
  },
): ReportRun {
  const expired =
    record.status === 'succeeded' &&
    record.expiresAt !== undefined &&
    record.expiresAt.getTime() <= options.now.getTime();
  const status = expired ? 'expired' : record.status;
  const downloadUrl =
    status === 'succeeded' && record.expiresAt && options.downloadUrlFor
      ? options.downloadUrlFor({ id: record.id, expiresAt: record.expiresAt })
      : undefined;
  return omitUndefined({
    id: record.id,
    accountId: record.accountId,
    type: record.type,
    name: record.name,
    description: record.description,
    delimiter: record.delimiter,
    status,
    rowsWritten: record.rowsWritten,
    rowCount: record.rowCount,
    error: record.error,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString(),
    finishedAt: record.finishedAt?.toISOString(),
    expiresAt: record.expiresAt?.toISOString(),
    downloadUrl,
    fileName: record.fileName,
    byteSize: record.byteSize,
    parameters: record.parameters,
  });
}

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
