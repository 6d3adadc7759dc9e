import express from 'express';

/**
 * What every area of the backend gives the plugin: its routes, and work
 * that must start after seeding (scheduled tasks, workers) and stop at
 * shutdown. `plugin.ts` only puts areas together.
 */
export interface Area {
  router: express.Router;
  /** Called once the plugin's data is seeded, before the first request. */
  start?(): Promise<void>;
  /** Called at shutdown: hand back work other replicas can pick up. */
  stop?(): Promise<void>;
}
