import { RateClock } from '../RowRateLimiter';

/**
 * A rate clock that stands still until told: each sleep is recorded and
 * moves it on by its length at once, and `advance` stands for time spent
 * elsewhere (reading a batch).
 */
export function steppedRateClock() {
  let time = 0;
  const waits: number[] = [];
  const clock: RateClock = {
    now: () => time,
    sleep: async ms => {
      waits.push(ms);
      time += ms;
    },
  };
  return {
    clock,
    waits,
    advance: (ms: number) => {
      time += ms;
    },
  };
}
