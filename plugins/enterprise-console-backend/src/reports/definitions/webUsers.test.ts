import { Knex } from 'knex';
import { csvFile } from '../../__testUtils__/csvFile';
import { reportRecords } from '../../__testUtils__/reportRecords';
import { itWritesExactFiles } from '../../__testUtils__/itWritesExactFiles';
import {
  REPORT_FIXTURE_NOW,
  reportFixtureContext,
  reportFixtureDatabase,
} from '../../__testUtils__/reportFixture';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { IngestionService } from '../../ingest/IngestionService';
import { TenantDataStore } from '../../ingest/TenantDataStore';
import { webUsersReport } from './webUsers';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const COMMA_FILE = csvFile([
  'Email Address,Name,Role,Last Login [UTC],Last Access Date [UTC],Status,Project Space Name,Project Name,Project URL',
  `,No Email,Viewer,,2026-11-01 00:00:00,Active,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `Bob@alpha.example,'=cmd|' /C calc'!A0,'-Editor,,,Active,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `ann@alpha.example,"Ann ""Annie"" Lee",Admin,2026-11-19 10:00:00,2026-11-19 10:05:00,Active,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `sam@shared.example,Sam Ünïcødé,Auditor,,,Active,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `Amy@alpha.example,N/A,Editor,N/A,N/A,Invited,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `amy@alpha.example,N/A,,N/A,N/A,Invited,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `zed@alpha.example,N/A,Viewer,N/A,N/A,Invited,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  'sam@shared.example,Sam Ünïcødé,Admin,2026-10-01 00:00:00,,Active,beta-2,"Beta, Two | Ünïcødé",',
  `x+tag@beta.example,N/A,'+Role,N/A,N/A,Invited,beta-2,"Beta, Two | Ünïcødé",`,
  `sam@shared.example,Sam Ünïcødé,Viewer,,,Active,beta1,"'+Beta\r\nOne",https://beta1.example.org/`,
]);

const PIPE_FILE = csvFile([
  'Email Address|Name|Role|Last Login [UTC]|Last Access Date [UTC]|Status|Project Space Name|Project Name|Project URL',
  `|No Email|Viewer||2026-11-01 00:00:00|Active|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `Bob@alpha.example|"'=cmd|' /C calc'!A0"|'-Editor|||Active|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `ann@alpha.example|"Ann ""Annie"" Lee"|Admin|2026-11-19 10:00:00|2026-11-19 10:05:00|Active|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `sam@shared.example|Sam Ünïcødé|Auditor|||Active|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `Amy@alpha.example|N/A|Editor|N/A|N/A|Invited|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `amy@alpha.example|N/A||N/A|N/A|Invited|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `zed@alpha.example|N/A|Viewer|N/A|N/A|Invited|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  'sam@shared.example|Sam Ünïcødé|Admin|2026-10-01 00:00:00||Active|beta-2|"Beta, Two | Ünïcødé"|',
  `x+tag@beta.example|N/A|'+Role|N/A|N/A|Invited|beta-2|"Beta, Two | Ünïcødé"|`,
  `sam@shared.example|Sam Ünïcødé|Viewer|||Active|beta1|"'+Beta\r\nOne"|https://beta1.example.org/`,
]);

describe.each(databases.eachSupportedId())(
  'web-users report on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
    });

    const records = () =>
      reportRecords(webUsersReport, reportFixtureContext(knex));

    itWritesExactFiles({
      definition: webUsersReport,
      context: async overrides => reportFixtureContext(knex, overrides),
      files: { ',': COMMA_FILE, '|': PIPE_FILE },
      batchSizes: [1, 2, 3],
    });

    it('lists active web users only, never mobile workers or other accounts', async () => {
      const emails = (await records()).map(record => record['Email Address']);
      expect(emails).not.toContain('carl@alpha.example'); // inactive
      expect(emails).not.toContain('jane@x.example'); // mobile worker
      expect(emails).not.toContain('intruder@other.example');
      expect(emails).not.toContain('invitee@other.example');
    });

    it('lists a user once per tenant', async () => {
      expect(
        (await records())
          .filter(record => record['Email Address'] === 'sam@shared.example')
          .map(record => [record['Project Space Name'], record.Role]),
      ).toEqual([
        ['alpha', 'Auditor'],
        ['beta-2', 'Admin'],
        ['beta1', 'Viewer'],
      ]);
    });

    it('lists invitations after the active users, each by email in code point order', async () => {
      const alpha = (await records()).filter(
        record => record['Project Space Name'] === 'alpha',
      );
      expect(
        alpha.map(record => [record['Email Address'], record.Status]),
      ).toEqual([
        ['', 'Active'],
        ['Bob@alpha.example', 'Active'],
        ['ann@alpha.example', 'Active'],
        ['sam@shared.example', 'Active'],
        ['Amy@alpha.example', 'Invited'],
        ['amy@alpha.example', 'Invited'],
        ['zed@alpha.example', 'Invited'],
      ]);
    });

    it('writes N/A for the name and times of an invitation, and its role', async () => {
      const invitation = (await records()).find(
        record => record['Email Address'] === 'x+tag@beta.example',
      );
      expect(invitation).toEqual({
        'Email Address': 'x+tag@beta.example',
        Name: 'N/A',
        Role: "'+Role",
        'Last Login [UTC]': 'N/A',
        'Last Access Date [UTC]': 'N/A',
        Status: 'Invited',
        'Project Space Name': 'beta-2',
        'Project Name': 'Beta, Two | Ünïcødé',
        'Project URL': '',
      });
    });

    it('writes times of active users in UTC without milliseconds, empty when missing', async () => {
      const ann = (await records()).find(
        record => record['Email Address'] === 'ann@alpha.example',
      );
      expect(ann?.['Last Login [UTC]']).toBe('2026-11-19 10:00:00');
      expect(ann?.['Last Access Date [UTC]']).toBe('2026-11-19 10:05:00');
      const bob = (await records()).find(
        record => record['Email Address'] === 'Bob@alpha.example',
      );
      expect(bob?.['Last Login [UTC]']).toBe('');
      expect(bob?.['Last Access Date [UTC]']).toBe('');
    });

    it('ignores parameters it does not take', async () => {
      expect(
        await webUsersReport.resolveParameters(
          { from: '2026-01-01', filters: { validity: 'valid' } },
          { db: knex, accountId: 'acme', now: REPORT_FIXTURE_NOW },
        ),
      ).toEqual({});
    });
  },
);

describe.each(databases.eachSupportedId())(
  'web-users report across pages on %p',
  databaseId => {
    it('reads users without email, users and invitations in pages', async () => {
      const knex = await reportFixtureDatabase(databases, databaseId);
      const values = [
        ...['u-b', 'u-a', 'u-c'].map(id => ({
          type: 'user',
          tenantId: 'zeta',
          id,
          kind: 'web',
          username: id,
          name: id,
          status: 'active',
          createdAt: '2025-01-01T00:00:00Z',
        })),
        ...['c', 'a', 'b'].map(letter => ({
          type: 'user',
          tenantId: 'zeta',
          id: `e-${letter}`,
          kind: 'web',
          username: letter,
          name: letter,
          email: `${letter}@zeta.example`,
          status: 'active',
          createdAt: '2025-01-01T00:00:00Z',
        })),
        ...['y', 'x', 'z'].map(letter => ({
          type: 'invitation',
          tenantId: 'zeta',
          id: `i-${letter}`,
          email: `${letter}@zeta.example`,
          invitedAt: '2025-01-01T00:00:00Z',
        })),
      ];
      await new IngestionService(
        knex,
        new TenantDataStore(knex),
        TEST_USAGE_METERS,
      ).ingest(values.map(value => ({ value })));
      for (const batchSize of [1, 2, 3, 1000]) {
        const zeta = (
          await reportRecords(
            webUsersReport,
            reportFixtureContext(knex, { batchSize }),
          )
        ).filter(record => record['Project Space Name'] === 'zeta');
        expect(
          zeta.map(
            record =>
              `${record['Email Address']} ${record.Name} ${record.Status}`,
          ),
        ).toEqual([
          ' u-a Active',
          ' u-b Active',
          ' u-c Active',
          'a@zeta.example a Active',
          'b@zeta.example b Active',
          'c@zeta.example c Active',
          'x@zeta.example N/A Invited',
          'y@zeta.example N/A Invited',
          'z@zeta.example N/A Invited',
        ]);
      }
    });
  },
);
