import '@testing-library/jest-dom';

// jsdom has no ResizeObserver, which recharts' ResponsiveContainer needs
// (the tenant page's charts); jsdom lays nothing out, so none ever fires.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver;
