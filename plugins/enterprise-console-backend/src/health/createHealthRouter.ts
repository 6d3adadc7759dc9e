import Router from 'express-promise-router';

/** Liveness for load balancers; registered as unauthenticated by the plugin. */
export function createHealthRouter() {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
