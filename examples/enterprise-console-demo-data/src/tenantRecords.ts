import {
  FeedRecord,
  FormRecord,
  InvitationRecord,
  SmsRecord,
  TenantDataRecord,
  UsageRecord,
  UserRecord,
} from '@internal/plugin-enterprise-console-common';
import { TenantInput } from '@internal/plugin-enterprise-console-node';
import { SeededRandom } from './random';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back activity goes: reports default to 30 days and allow 90. */
const HISTORY_DAYS = 120;

const APP_NAMES = [
  'Household Visits',
  'Stock Count',
  'Patient Intake',
  'Site Inspection',
  'Water Quality',
  'Attendance',
  'Referrals',
];
const FORM_NAMES = [
  'Registration',
  'Follow-up',
  'Checklist',
  'Incident report',
  'Delivery',
  'Survey',
];
const FIRST_NAMES = [
  'Amina',
  'Ben',
  'Chen',
  'Dara',
  'Elif',
  'Femi',
  'Gita',
  'Hugo',
  'Ines',
  'Jon',
  'Kofi',
  'Lena',
];
const LAST_NAMES = [
  'Okafor',
  'Silva',
  'Patel',
  'Müller',
  'Nguyen',
  'Mensah',
  'Kowalski',
  'Haddad',
  'Rossi',
  'Tanaka',
];
const WEB_ROLES = ['Admin', 'Editor', 'Viewer'];
const GATEWAYS = [
  { name: 'twilio', fee: '0.0079' },
  { name: 'africastalking', fee: '0.0045' },
  { name: 'telerivet', fee: '0.0125' },
];
const FEED_NAMES = [
  'Visits',
  'Cases',
  'Stock',
  'Deliveries',
  'Referrals',
  'Users',
];

/**
 * Tenant data for one demo tenant: activity over the last 120 days before
 * the reference day, with the edge cases reports must handle (inactive
 * users, pending invitations, system forms, forms of unknown apps or
 * without a name, forms by web users, usernames with an `@…` suffix,
 * multipart and invalid SMS, tenants with no feeds or with more than 150).
 */
export function generateTenantRecords(options: {
  tenant: TenantInput;
  tenantIndex: number;
  seed: number;
  referenceDay: number;
}): TenantDataRecord[] {
  const { tenant, tenantIndex, referenceDay } = options;
  const random = new SeededRandom(
    (Math.imul(options.seed, 0x9e3779b1) +
      Math.imul(tenantIndex + 1, 0x85ebca6b)) >>>
      0,
  );
  const tenantId = tenant.id;
  // Activity starts when the tenant was created, at most 120 days back.
  const start = Math.max(
    Date.parse(tenant.createdAt),
    referenceDay - HISTORY_DAYS * DAY_MS,
  );
  const timeBetween = (from: number, to: number = referenceDay - 1000) =>
    new Date(
      from + Math.floor(random.next() * Math.max(to - from, 1000)),
    ).toISOString();
  const records: TenantDataRecord[] = [];

  const appCount = random.int(2, 5);
  const appIds: string[] = [];
  for (let i = 1; i <= appCount; i++) {
    const id = `app-${i}`;
    appIds.push(id);
    records.push({ type: 'app', tenantId, id, name: random.pick(APP_NAMES) });
  }

  const person = () => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    return { first, last, name: `${first} ${last}` };
  };

  const mobileUsers: UserRecord[] = [];
  const mobileCount = random.int(15, 70);
  for (let i = 1; i <= mobileCount; i++) {
    const who = person();
    const base = `${who.first.toLowerCase()}.${who.last
      .charAt(0)
      .toLowerCase()}${i}`;
    const createdAt = timeBetween(
      Date.parse(tenant.createdAt) - 30 * DAY_MS,
      start,
    );
    const user: UserRecord = {
      type: 'user',
      tenantId,
      id: `m-${i}`,
      kind: 'mobile',
      // Some mobile platforms append the tenant to usernames; reports strip it.
      username: random.next() < 0.3 ? `${base}@${tenantId}` : base,
      name: who.name,
      role: 'Field worker',
      status: random.next() < 0.12 ? 'inactive' : 'active',
      createdAt,
      lastSyncAt: timeBetween(start),
      appVersion: `2.${random.int(48, 56)}.${random.int(0, 3)}`,
    };
    if (random.next() < 0.6) {
      user.email = `${base.replace('.', '_')}@field.example`;
    }
    mobileUsers.push(user);
  }

  const webUsers: UserRecord[] = [];
  const webCount = random.int(2, 10);
  for (let i = 1; i <= webCount; i++) {
    const who = person();
    const lastLoginAt = timeBetween(start);
    webUsers.push({
      type: 'user',
      tenantId,
      id: `w-${i}`,
      kind: 'web',
      username: `${who.first.toLowerCase()}${i}`,
      name: who.name,
      email: `${who.first.toLowerCase()}.${who.last
        .toLowerCase()
        .replace('ü', 'ue')}${i}@${tenantId}.example`,
      role: random.pick(WEB_ROLES),
      status: random.next() < 0.15 ? 'inactive' : 'active',
      createdAt: timeBetween(Date.parse(tenant.createdAt) - 30 * DAY_MS, start),
      lastLoginAt,
      lastAccessAt: timeBetween(Date.parse(lastLoginAt)),
    });
  }

  const invitations: InvitationRecord[] = [];
  for (let i = 1, n = random.int(0, 3); i <= n; i++) {
    invitations.push({
      type: 'invitation',
      tenantId,
      id: `inv-${i}`,
      email: `invitee${i}@${tenantId}.example`,
      role: random.pick(WEB_ROLES),
      invitedAt: timeBetween(start),
    });
  }

  const forms: FormRecord[] = [];
  const lastSubmission = new Map<string, string>();
  for (let i = 1, n = random.int(40, 250); i <= n; i++) {
    const roll = random.next();
    const user =
      roll < 0.03 && webUsers.length > 0
        ? random.pick(webUsers)
        : random.pick(mobileUsers);
    const submittedAt = timeBetween(start);
    const form: FormRecord = {
      type: 'form',
      tenantId,
      id: `f-${i}`,
      userId: user.id,
      username: user.username,
      submittedAt,
    };
    const kind = random.next();
    if (kind < 0.03) {
      form.formName = 'System: case sync';
      form.system = true;
    } else if (kind > 0.05) {
      form.formName = random.pick(FORM_NAMES); // 2% have no name
    }
    form.appId = random.next() < 0.04 ? 'retired-app' : random.pick(appIds);
    forms.push(form);
    if (
      user.kind === 'mobile' &&
      !form.system &&
      (lastSubmission.get(user.id) ?? '') < submittedAt
    ) {
      lastSubmission.set(user.id, submittedAt);
    }
  }
  for (const user of mobileUsers) {
    const last = lastSubmission.get(user.id);
    if (last) user.lastSubmissionAt = last;
  }

  const sms: SmsRecord[] = [];
  for (let i = 1, n = random.int(10, 120); i <= n; i++) {
    const gateway = random.pick(GATEWAYS);
    const sentAt = timeBetween(start);
    const message: SmsRecord = {
      type: 'sms',
      tenantId,
      id: `sms-${tenantIndex}-${i}`,
      direction: random.next() < 0.6 ? 'outgoing' : 'incoming',
      parts: random.next() < 0.75 ? 1 : random.int(2, 4),
      sentAt,
      gateway: gateway.name,
      usageFee: '0.0100',
    };
    if (random.next() < 0.8) {
      message.createdAt = new Date(
        Date.parse(sentAt) - random.int(0, 120) * 1000,
      ).toISOString();
    }
    if (message.direction === 'outgoing' || random.next() < 0.3) {
      message.gatewayFee = gateway.fee;
    }
    if (random.next() < 0.05) {
      message.valid = false;
      message.error = true;
    }
    sms.push(message);
  }

  // The first tenant has no feeds and the second more than the 150 a report lists.
  let feedCount = random.int(0, 12);
  if (tenantIndex === 0) feedCount = 0;
  if (tenantIndex === 1) feedCount = 160;
  const feeds: FeedRecord[] = [];
  for (let i = 1; i <= feedCount; i++) {
    feeds.push({
      type: 'feed',
      tenantId,
      id: `feed-${i}`,
      name: `${random.pick(FEED_NAMES)} ${i}`,
      rowCount: random.int(0, 250_000),
    });
  }

  const usage: UsageRecord[] = [];
  for (let i = 1, n = random.int(20, 80); i <= n; i++) {
    const voice = random.next() < 0.4;
    usage.push({
      type: 'usage',
      tenantId,
      id: `use-${i}`,
      meter: voice ? 'voice-minutes' : 'api-calls',
      quantity: voice
        ? `${random.int(0, 300)}.${random.int(0, 9)}`
        : random.int(1, 5000),
      at: timeBetween(start),
    });
  }

  records.push(
    ...mobileUsers,
    ...webUsers,
    ...invitations,
    ...forms,
    ...sms,
    ...feeds,
    ...usage,
  );
  return records;
}
