import {
  TenantDataRecord,
  UserRecord,
} from '@internal/plugin-enterprise-console-common';
import {
  AccountInput,
  TenantInput,
} from '@internal/plugin-enterprise-console-node';
import { SeededRandom } from './random';
import { generateTenantRecords } from './tenantRecords';

/**
 * How much demo data to make. The same options always give the same data.
 */
export interface DemoDataOptions {
  /** Seed of the random generator. */
  seed: number;
  /** Multiplies the number of tenants per account; 1 gives a few dozen. */
  scale: number;
  /** Dates are laid out backwards from this day, so "last 30 days" stays populated. */
  referenceDate: Date;
}

export interface DemoData {
  accounts: AccountInput[];
  tenants: TenantInput[];
  /** Apps, users, invitations, forms, SMS, feeds and usage of every tenant. */
  records: TenantDataRecord[];
}

interface AccountTemplate {
  account: AccountInput;
  /** Tenants at scale 1. */
  tenants: number;
}

// The admin groups named here exist in examples/org.yaml.
const ACCOUNTS: AccountTemplate[] = [
  {
    account: {
      id: 'acme-health',
      name: 'Acme Health',
      enterprise: true,
      adminRefs: ['group:default/acme-health-admins'],
      adminEmails: ['platform@acme-health.example'],
      invoicing: 'consolidated',
      currency: 'USD',
      autopay: true,
    },
    tenants: 18,
  },
  {
    account: {
      id: 'globex-logistics',
      name: 'Globex Logistics',
      enterprise: true,
      adminRefs: ['group:default/globex-admins'],
      adminEmails: ['it-ops@globex.example'],
      invoicing: 'per-tenant',
      currency: 'USD',
      autopay: false,
    },
    tenants: 14,
  },
  {
    account: {
      id: 'initech-field',
      name: 'Initech Field Services',
      enterprise: false,
      adminEmails: ['billing@initech.example'],
      invoicing: 'per-tenant',
      currency: 'EUR',
    },
    tenants: 6,
  },
  {
    account: {
      id: 'umbrella-ngo',
      name: 'Umbrella Relief (non-profit)',
      enterprise: false,
      adminEmails: ['admin@umbrella-relief.example'],
      invoicing: 'per-tenant',
      currency: 'USD',
    },
    tenants: 3,
  },
  {
    // An account that exists before any tenant was created in it.
    account: {
      id: 'stark-labs',
      name: 'Stark Labs',
      enterprise: true,
      adminEmails: ['labs@stark.example'],
      invoicing: 'consolidated',
      currency: 'USD',
    },
    tenants: 0,
  },
];

const PROGRAMS = [
  'clinic-visits',
  'supply-chain',
  'field-survey',
  'maternal-care',
  'water-points',
  'school-meals',
  'vaccination',
  'asset-audit',
  'case-management',
  'crop-monitoring',
];

const REGIONS = [
  { code: 'ke', name: 'Kenya', timezone: 'Africa/Nairobi' },
  { code: 'za', name: 'South Africa', timezone: 'Africa/Johannesburg' },
  { code: 'in', name: 'India', timezone: 'Asia/Kolkata' },
  { code: 'br', name: 'Brazil', timezone: 'America/Sao_Paulo' },
  { code: 'us', name: 'United States', timezone: 'America/New_York' },
  { code: 'de', name: 'Germany', timezone: 'Europe/Berlin' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

function titleCase(slug: string): string {
  return slug
    .split('-')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * Generates the demo enterprise: a fixed set of accounts, and tenants whose
 * number, names, regions and creation dates follow from the seed and scale.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  if (!Number.isInteger(options.seed)) {
    throw new Error(
      `Demo data seed must be a whole number, got ${options.seed}`,
    );
  }
  if (!(options.scale > 0 && options.scale <= 1000)) {
    throw new Error(
      `Demo data scale must be above 0 and at most 1000, got ${options.scale}`,
    );
  }
  const random = new SeededRandom(options.seed);
  const referenceDay = Date.UTC(
    options.referenceDate.getUTCFullYear(),
    options.referenceDate.getUTCMonth(),
    options.referenceDate.getUTCDate(),
  );

  const accounts: AccountInput[] = [];
  const tenants: TenantInput[] = [];
  for (const template of ACCOUNTS) {
    accounts.push(template.account);
    const prefix = template.account.id.split('-')[0];
    const count = Math.round(template.tenants * options.scale);
    for (let i = 1; i <= count; i++) {
      const program = random.pick(PROGRAMS);
      const region = random.pick(REGIONS);
      const id = `${prefix}-${program}-${region.code}-${String(i).padStart(
        3,
        '0',
      )}`;
      const ageDays = random.int(1, 3 * 365);
      const createdAt = new Date(
        referenceDay - ageDays * DAY_MS + random.int(0, DAY_MS - 1),
      );
      createdAt.setUTCMilliseconds(0);
      tenants.push({
        id,
        accountId: template.account.id,
        name: `${titleCase(program)} ${region.name} ${i}`,
        url: `https://${id}.tenants.example`,
        createdAt: createdAt.toISOString(),
        timezone: region.timezone,
        feedLimit: random.next() < 0.1 ? 200 : 25,
      });
    }
  }
  // Each tenant's records come from their own generator, so tenant ids and
  // names stay what they were before records existed.
  const records = tenants.flatMap((tenant, index) =>
    generateTenantRecords({
      tenant,
      tenantIndex: index,
      seed: options.seed,
      referenceDay,
    }),
  );
  records.push(...demoTenantAdminUsers(tenants));
  return { accounts, tenants, records };
}

/** The Umbrella Relief tenants the demo tenant admin administers. */
const DEMO_TENANT_ADMIN_TENANTS = 3;

/**
 * The demo persona `demo-tenant-admin` (examples/org.yaml) as an active
 * Admin web user of the first Umbrella Relief tenants, which is what the
 * shipped tenant-admin role's IS_TENANT_MEMBER condition looks for.
 */
function demoTenantAdminUsers(tenants: TenantInput[]): UserRecord[] {
  return tenants
    .filter(tenant => tenant.accountId === 'umbrella-ngo')
    .slice(0, DEMO_TENANT_ADMIN_TENANTS)
    .map(tenant => ({
      type: 'user',
      tenantId: tenant.id,
      id: 'demo-tenant-admin',
      kind: 'web',
      username: 'demo-tenant-admin',
      name: 'Demo Tenant Admin',
      email: 'demo-tenant-admin@umbrella-relief.example',
      role: 'Admin',
      status: 'active',
      createdAt: tenant.createdAt,
    }));
}
