import { SmsDetailFilters } from '@internal/plugin-enterprise-console-common';
import { isDate } from '../../lib/dates';
import { DateRangeValue } from '../DateRangeFields';

/** The gateway choice that selects every gateway (no gateway type has it). */
export const ANY_GATEWAY = '*';

/** The SMS report's filters as the form holds them. */
export interface SmsFilterForm {
  /** Date of message; required. */
  message: DateRangeValue;
  /** Date created; either bound may be empty. */
  created: DateRangeValue;
  /** Empty: every tenant of the account. */
  tenantIds: string[];
  /** A gateway type, or `ANY_GATEWAY`. */
  gateway: string;
  hasGatewayFee: 'all' | 'yes' | 'no';
  validity: 'all' | 'valid' | 'invalid';
}

/**
 * The filters to send, or `undefined` while a date is half-typed. Filters
 * that select everything are left out.
 */
export function toSmsFilters(
  form: SmsFilterForm,
): SmsDetailFilters | undefined {
  const { message, created } = form;
  const optionalDate = (value: string) => value === '' || isDate(value);
  if (!isDate(message.from) || !isDate(message.to)) return undefined;
  if (!optionalDate(created.from) || !optionalDate(created.to)) {
    return undefined;
  }
  const filters: SmsDetailFilters = {
    messageFrom: message.from,
    messageTo: message.to,
  };
  if (created.from) filters.createdFrom = created.from;
  if (created.to) filters.createdTo = created.to;
  if (form.tenantIds.length) filters.tenantIds = form.tenantIds;
  if (form.gateway !== ANY_GATEWAY) filters.gateway = form.gateway;
  if (form.hasGatewayFee !== 'all') filters.hasGatewayFee = form.hasGatewayFee;
  if (form.validity !== 'all') filters.validity = form.validity;
  return filters;
}

/** The filters in words, for the export dialog. */
export function describeSmsFilters(filters: SmsDetailFilters): string {
  const parts = [
    `messages from ${filters.messageFrom} to ${filters.messageTo} (UTC)`,
  ];
  const { createdFrom, createdTo } = filters;
  if (createdFrom && createdTo) {
    parts.push(`created from ${createdFrom} to ${createdTo}`);
  } else if (createdFrom) {
    parts.push(`created on or after ${createdFrom}`);
  } else if (createdTo) {
    parts.push(`created up to ${createdTo}`);
  }
  parts.push(
    filters.tenantIds?.length
      ? `project spaces ${filters.tenantIds.join(', ')}`
      : 'all project spaces',
  );
  if (filters.gateway) parts.push(`gateway ${filters.gateway}`);
  if (filters.hasGatewayFee) {
    parts.push(
      filters.hasGatewayFee === 'yes'
        ? 'with a gateway fee'
        : 'without a gateway fee',
    );
  }
  if (filters.validity) parts.push(`${filters.validity} messages only`);
  return `The report holds ${parts.join('; ')}.`;
}
