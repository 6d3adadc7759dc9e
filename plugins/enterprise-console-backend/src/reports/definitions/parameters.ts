import { ReportRunParameters } from '@internal/plugin-enterprise-console-common';

/**
 * The parameters of a report that takes none of its own: what the request
 * says about the run itself (the email flag) is kept, anything meant for
 * other reports (a range, SMS filters) is ignored rather than refused, so a
 * client may send one body shape for every report.
 */
export function runParametersOnly(
  request: ReportRunParameters,
): ReportRunParameters {
  return typeof request.email === 'boolean' ? { email: request.email } : {};
}
