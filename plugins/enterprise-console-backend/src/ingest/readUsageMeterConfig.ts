import { Config } from '@backstage/config';
import { UsageMeter } from '@internal/plugin-enterprise-console-common';
import { MACHINE_NAME_MESSAGE, MACHINE_NAME_PATTERN } from './fields';

const KEY = 'enterpriseConsole.usageMeters';
// Names and units end up in a CSV header, where control characters do harm.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function readText(
  meter: Config,
  at: string,
  field: 'name' | 'unit',
  max: number,
): string {
  const value = meter.getString(field);
  if (value.trim() !== value || value === '' || value.length > max) {
    throw new Error(
      `Invalid config ${at}.${field}: must be 1 to ${max} characters without leading or trailing spaces, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  if (CONTROL.test(value)) {
    throw new Error(
      `Invalid config ${at}.${field}: must not contain control characters`,
    );
  }
  return value;
}

/**
 * Reads `enterpriseConsole.usageMeters` (see config.d.ts): the meters usage
 * events may name, in the order the tenant-usage report shows them. A
 * mistake fails startup naming the entry; without the key there are no
 * meters, and every usage event is refused.
 */
export function readUsageMeterConfig(config: Config): UsageMeter[] {
  const entries = config.getOptionalConfigArray(KEY) ?? [];
  const meters: UsageMeter[] = [];
  const keys = new Set<string>();
  const headers = new Set<string>();
  entries.forEach((meter, index) => {
    const at = `${KEY}[${index}]`;
    const key = meter.getString('key');
    if (!MACHINE_NAME_PATTERN.test(key)) {
      throw new Error(`Invalid config ${at}.key: ${MACHINE_NAME_MESSAGE}`);
    }
    if (keys.has(key)) {
      throw new Error(
        `Invalid config ${at}.key: meter ${key} is declared twice`,
      );
    }
    const name = readText(meter, at, 'name', 100);
    const unit = readText(meter, at, 'unit', 30);
    // Two columns of one report must not have the same header.
    const header = `${name} (${unit})`;
    if (headers.has(header)) {
      throw new Error(
        `Invalid config ${at}: another meter has the name ${JSON.stringify(
          name,
        )} and unit ${JSON.stringify(unit)}`,
      );
    }
    keys.add(key);
    headers.add(header);
    meters.push({ key, name, unit });
  });
  return meters;
}
