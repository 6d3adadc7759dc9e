import { JobStoppedError } from './jobStop';
import { RowRateLimiter, SYSTEM_RATE_CLOCK } from './RowRateLimiter';
import { steppedRateClock } from './__testUtils__/steppedRateClock';

const running = () => new AbortController().signal;

describe('RowRateLimiter', () => {
  it('spaces the rows at the rate, counting from its start', async () => {
    const { clock, waits } = steppedRateClock();
    const limiter = new RowRateLimiter(100, clock);
    for (const rows of [50, 50, 100, 25, 75]) {
      await limiter.admit(rows, running());
    }
    // 300 rows at 100 a second: 3 seconds in all, each batch its share.
    expect(waits).toEqual([500, 500, 1000, 250, 750]);
  });

  it('waits only for the time reading did not take', async () => {
    const { clock, waits, advance } = steppedRateClock();
    const limiter = new RowRateLimiter(100, clock);
    advance(200);
    await limiter.admit(50, running());
    // Reading took longer than the batch's share: no wait.
    advance(600);
    await limiter.admit(50, running());
    expect(waits).toEqual([300]);
  });

  it('catches up after a slow read by at most one second of rows', async () => {
    const { clock, waits, advance } = steppedRateClock();
    const limiter = new RowRateLimiter(100, clock);
    await limiter.admit(50, running());
    // 3 seconds behind: only 1 of them may be made up at once.
    advance(3_500);
    await limiter.admit(50, running());
    await limiter.admit(100, running());
    await limiter.admit(100, running());
    expect(waits).toEqual([500, 500, 1000]);
  });

  it('stops waiting at once when its job stops', async () => {
    const controller = new AbortController();
    const limiter = new RowRateLimiter(1);
    const waiting = limiter.admit(60, controller.signal);
    const stoppedAt = Date.now();
    controller.abort('cancel');
    await expect(waiting).rejects.toEqual(new JobStoppedError('cancel'));
    expect(Date.now() - stoppedAt).toBeLessThan(100);
  });

  it('does not wait for a job already stopped', async () => {
    const controller = new AbortController();
    controller.abort('shutdown');
    await expect(
      SYSTEM_RATE_CLOCK.sleep(60_000, controller.signal),
    ).rejects.toEqual(new JobStoppedError('shutdown'));
  });
});
