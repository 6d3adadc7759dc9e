import { EnterpriseSettings } from '@internal/plugin-enterprise-console-common';

/** Splits what a user typed into a domain list: commas, spaces or new lines. */
export function parseDomainList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map(domain => domain.trim().toLowerCase())
    .filter(Boolean);
}

/** The problem the server would report first, caught before saving. */
export function settingsProblem(
  settings: EnterpriseSettings,
): string | undefined {
  if (settings.restrictSignups && !settings.restrictSignupMessage.trim()) {
    return 'Enter the message refused users will see.';
  }
  if (settings.restrictSignups && settings.restrictSignupDomains.length === 0) {
    return 'List at least one email domain to restrict.';
  }
  return undefined;
}
