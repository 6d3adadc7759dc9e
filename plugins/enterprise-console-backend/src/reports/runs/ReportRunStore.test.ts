import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { newRun, queueRun, setupRuns } from './__testUtils__/setupRuns';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const T0 = new Date('2026-11-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.each(databases.eachSupportedId())('ReportRunStore on %p', id => {
  async function setup() {
    const knex = await databases.init(id);
    return { knex, ...(await setupRuns(knex)) };
  }

  it('queues runs and reads them back as stored', async () => {
    const { runs } = await setup();
    const created = await queueRun(
      runs,
      {
        name: 'Spaces for finance',
        description: 'Monthly',
        delimiter: '|',
        parameters: { from: '2026-10-01T00:00:00.000Z', email: true },
      },
      T0,
    );
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      accountId: 'acme',
      type: 'project-spaces',
      name: 'Spaces for finance',
      description: 'Monthly',
      delimiter: '|',
      parameters: { from: '2026-10-01T00:00:00.000Z', email: true },
      status: 'queued',
      rowsWritten: 0,
      createdBy: 'user:default/ada',
      createdAt: T0,
      attempt: 0,
      cancelRequested: false,
    });
    expect(await runs.records.get(created.id)).toEqual(created);
    expect(await runs.records.get('00000000-0000-0000-0000-000000000000')).toBe(
      undefined,
    );
  });

  it('refuses a run past the active limit of its requester', async () => {
    const { runs } = await setup();
    const limits = { maxActive: 2, now: T0 };
    for (let i = 0; i < 2; i++) {
      expect(
        await runs.records.createWithinLimit(newRun(), limits),
      ).toHaveProperty('status', 'queued');
    }
    expect(await runs.records.createWithinLimit(newRun(), limits)).toEqual({
      limited: true,
      active: 2,
    });
    // Another requester has a limit of their own.
    expect(
      await runs.records.createWithinLimit(
        newRun({ createdBy: 'user:default/bob' }),
        // Later than ada's, so that the claim below takes one of hers.
        { ...limits, now: at(10) },
      ),
    ).toHaveProperty('status', 'queued');
    expect(await runs.records.countActive('user:default/ada')).toBe(2);
    expect(await runs.records.countActive('user:default/bob')).toBe(1);
    expect(await runs.records.countActive('user:default/nobody')).toBe(0);

    // A finished run no longer counts.
    const claimed = await runs.queue.claim({
      owner: 'w',
      leaseMs: 1000,
      now: T0,
    });
    await runs.queue.fail(claimed!, 'broken', T0);
    expect(await runs.records.countActive('user:default/ada')).toBe(1);
    expect(
      await runs.records.createWithinLimit(newRun(), limits),
    ).toHaveProperty('status', 'queued');
  });

  it('lists an account newest first, page by page, all or one requester', async () => {
    const { runs } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await queueRun(
        runs,
        { createdBy: i % 2 ? 'user:default/bob' : 'user:default/ada' },
        // Two runs share a time: the id breaks the tie.
        at(i === 4 ? 3 : i),
      );
      ids.push(run.id);
    }
    await queueRun(runs, { accountId: 'smallco' }, at(10));
    const newestFirst = [
      ...[ids[3], ids[4]].sort().reverse(),
      ids[2],
      ids[1],
      ids[0],
    ];

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await runs.records.list({
        accountId: 'acme',
        limit: 2,
        cursor,
      });
      expect(page.totalCount).toBe(5);
      seen.push(...page.items.map(run => run.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst);

    const bobs = await runs.records.list({
      accountId: 'acme',
      createdBy: 'user:default/bob',
      limit: 10,
    });
    expect(bobs.items.map(run => run.id)).toEqual([ids[3], ids[1]]);
    expect(bobs.totalCount).toBe(2);
    expect(bobs.nextCursor).toBeUndefined();

    await expect(
      runs.records.list({ accountId: 'acme', limit: 2, cursor: 'nonsense' }),
    ).rejects.toThrow('Invalid cursor');
  });

  it('claims the oldest claimable run once, with a fresh attempt and lease', async () => {
    const { runs } = await setup();
    const first = await queueRun(runs, {}, at(0));
    const second = await queueRun(runs, {}, at(1));

    const before = Date.now();
    const claimA = await runs.queue.claim({
      owner: 'a',
      leaseMs: 30_000,
      now: at(5),
    });
    const after = Date.now();
    expect(claimA).toMatchObject({
      id: first.id,
      status: 'running',
      attempt: 1,
      leaseOwner: 'a',
      startedAt: at(5),
    });
    // The lease runs from the database's clock (this machine's, here).
    const leaseEnd = claimA!.leaseExpiresAt!.getTime();
    expect(leaseEnd).toBeGreaterThanOrEqual(before + 30_000 - 1_000);
    expect(leaseEnd).toBeLessThanOrEqual(after + 30_000 + 1_000);
    const claimB = await runs.queue.claim({
      owner: 'b',
      leaseMs: 300,
      now: at(6),
    });
    expect(claimB).toMatchObject({
      id: second.id,
      attempt: 1,
      leaseOwner: 'b',
    });
    // Both are held: nothing left to claim until a lease expires.
    expect(
      await runs.queue.claim({ owner: 'c', leaseMs: 30_000, now: at(34) }),
    ).toBeUndefined();

    // A heartbeat renews a's lease; b's expires.
    expect(await runs.queue.heartbeat(claimA!, { leaseMs: 30_000 })).toEqual({
      cancelRequested: false,
    });
    await sleep(400);
    const reclaimed = await runs.queue.claim({
      owner: 'c',
      leaseMs: 30_000,
      now: at(37),
    });
    expect(reclaimed).toMatchObject({
      id: second.id,
      attempt: 2,
      leaseOwner: 'c',
      rowsWritten: 0,
    });
    expect(
      await runs.queue.claim({ owner: 'd', leaseMs: 30_000, now: at(37) }),
    ).toBeUndefined();
  });

  it('compares leases by the database clock, whatever the replicas clocks say', async () => {
    const { runs } = await setup();
    const HOUR = 3_600_000;
    const first = await queueRun(runs, {}, at(0));
    const second = await queueRun(runs, {}, at(1));

    // A replica an hour ahead does not take a run whose lease is live.
    const live = await runs.queue.claim({
      owner: 'a',
      leaseMs: 30_000,
      now: new Date(),
    });
    expect(live?.id).toBe(first.id);
    expect(
      await runs.queue.claim({
        owner: 'ahead',
        leaseMs: 30_000,
        now: new Date(Date.now() + HOUR),
      }),
    ).toMatchObject({ id: second.id });
    expect(
      await runs.queue.claim({
        owner: 'far-ahead',
        leaseMs: 30_000,
        now: new Date(Date.now() + 24 * HOUR),
      }),
    ).toBeUndefined();

    // A replica an hour behind takes a lease that is live from now on,
    // not one that ended an hour ago; its renewals are the database's too.
    const behind = await runs.queue.claim({
      owner: 'behind',
      leaseMs: 30_000,
      now: new Date(Date.now() - HOUR),
    });
    expect(behind).toBeUndefined();
    expect(
      (await runs.records.get(second.id))?.leaseExpiresAt!.getTime(),
    ).toBeGreaterThan(Date.now() + 20_000);
    expect(await runs.queue.heartbeat(live!, { leaseMs: 30_000 })).toEqual({
      cancelRequested: false,
    });
    expect(
      (await runs.records.get(first.id))?.leaseExpiresAt!.getTime(),
    ).toBeGreaterThan(Date.now() + 20_000);
  });

  it('ignores every write of a claim that lost its run', async () => {
    const { runs } = await setup();
    const run = await queueRun(runs, {}, at(0));
    const lost = (await runs.queue.claim({
      owner: 'a',
      leaseMs: 1,
      now: at(1),
    }))!;
    expect(await runs.queue.progress(lost, 10)).toBe(true);
    await sleep(50);
    const current = (await runs.queue.claim({
      owner: 'b',
      leaseMs: 1000,
      now: at(3),
    }))!;
    expect(current.attempt).toBe(2);
    expect(current.rowsWritten).toBe(0);

    const outcome = {
      rowCount: 99,
      byteSize: 1,
      fileName: 'late.csv',
      finishedAt: at(4),
      expiresAt: at(100),
    };
    expect(await runs.queue.heartbeat(lost, { leaseMs: 1000 })).toBe('lost');
    expect(await runs.queue.progress(lost, 50)).toBe(false);
    expect(await runs.queue.succeed(lost, outcome)).toBe(false);
    expect(await runs.queue.fail(lost, 'late', at(4))).toBe(false);
    expect(await runs.queue.cancelled(lost, at(4))).toBe(false);
    expect(await runs.queue.release(lost)).toBe(false);
    expect(await runs.records.get(run.id)).toMatchObject({
      status: 'running',
      attempt: 2,
      leaseOwner: 'b',
      rowsWritten: 0,
    });

    expect(await runs.queue.progress(current, 7)).toBe(true);
    expect(
      await runs.queue.succeed(current, {
        ...outcome,
        rowCount: 7,
        fileName: 'f.csv',
      }),
    ).toBe(true);
    const done = await runs.records.get(run.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      rowsWritten: 7,
      rowCount: 7,
      byteSize: 1,
      fileName: 'f.csv',
      finishedAt: at(4),
      expiresAt: at(100),
    });
    expect(done?.leaseOwner).toBeUndefined();
    expect(done?.leaseExpiresAt).toBeUndefined();
    // A finished run is never claimed again.
    expect(
      await runs.queue.claim({ owner: 'c', leaseMs: 1000, now: at(1000) }),
    ).toBeUndefined();
  });

  it('cancels queued runs at once and asks running ones to stop', async () => {
    const { runs } = await setup();
    const running = await queueRun(runs, {}, at(0));
    const queued = await queueRun(runs, {}, at(1));
    const claim = (await runs.queue.claim({
      owner: 'a',
      leaseMs: 1000,
      now: at(2),
    }))!;
    expect(claim.id).toBe(running.id);

    const cancelledQueued = await runs.records.requestCancel(queued.id, at(3));
    expect(cancelledQueued?.outcome).toBe('cancelled');
    expect(cancelledQueued?.run).toMatchObject({
      status: 'cancelled',
      finishedAt: at(3),
    });
    expect(
      await runs.queue.claim({ owner: 'b', leaseMs: 1000, now: at(3) }),
    ).toBeUndefined();

    const requested = await runs.records.requestCancel(running.id, at(3));
    expect(requested?.outcome).toBe('requested');
    expect(requested?.run).toMatchObject({
      status: 'running',
      cancelRequested: true,
    });
    expect(await runs.queue.heartbeat(claim, { leaseMs: 1000 })).toEqual({
      cancelRequested: true,
    });
    expect(await runs.queue.cancelled(claim, at(4))).toBe(true);
    expect(await runs.records.get(running.id)).toMatchObject({
      status: 'cancelled',
      finishedAt: at(4),
    });

    expect((await runs.records.requestCancel(running.id, at(5)))?.outcome).toBe(
      'finished',
    );
    expect(
      await runs.records.requestCancel(
        '00000000-0000-0000-0000-000000000000',
        at(5),
      ),
    ).toBeUndefined();
  });

  it('hands a released run back to the queue for the next claim', async () => {
    const { runs } = await setup();
    const run = await queueRun(runs, {}, at(0));
    const claim = (await runs.queue.claim({
      owner: 'a',
      leaseMs: 1000,
      now: at(1),
    }))!;
    expect(await runs.queue.release(claim)).toBe(true);
    expect(await runs.records.get(run.id)).toMatchObject({
      status: 'queued',
      attempt: 1,
    });
    expect(
      await runs.queue.claim({ owner: 'b', leaseMs: 1000, now: at(1) }),
    ).toMatchObject({ id: run.id, attempt: 2, leaseOwner: 'b' });
  });
});
