import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { Request } from 'express';
import Router from 'express-promise-router';
import { Authorizer } from '../../permissions/authorize';
import {
  parseReportRunListQuery,
  parseReportRunRequest,
} from './reportRunRequests';
import { ReportRunCaller, ReportRunService } from './ReportRunService';
import { TooManyRequestsError } from './TooManyRequestsError';

/** The caller of a request, authenticated once (401 otherwise). */
async function callerOf(
  req: Request,
  httpAuth: HttpAuthService,
  authorizer: Authorizer,
): Promise<ReportRunCaller> {
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const require: ReportRunCaller['require'] = async (permission, accountId) => {
    await authorizer.authorize(req, permission, { resourceRef: accountId });
  };
  return {
    credentials,
    require,
    async holds(permission, accountId) {
      try {
        await require(permission, accountId);
        return true;
      } catch (error) {
        if (error instanceof NotAllowedError) {
          return false;
        }
        throw error;
      }
    },
  };
}

/**
 * `/v1/report-runs`: queue a run (202), the run history, one run, cancel
 * (api.md, "Enterprise console and reports"). Expects JSON bodies parsed.
 */
export function createReportRunsRouter(options: {
  httpAuth: HttpAuthService;
  authorizer: Authorizer;
  reportRuns: ReportRunService;
}) {
  const { httpAuth, authorizer, reportRuns } = options;
  const router = Router();

  router.post('/v1/report-runs', async (req, res) => {
    const caller = await callerOf(req, httpAuth, authorizer);
    try {
      res
        .status(202)
        .json(await reportRuns.create(parseReportRunRequest(req.body), caller));
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
  });

  router.get('/v1/report-runs', async (req, res) => {
    const caller = await callerOf(req, httpAuth, authorizer);
    res.json(await reportRuns.list(parseReportRunListQuery(req.query), caller));
  });

  router.get('/v1/report-runs/:id', async (req, res) => {
    const caller = await callerOf(req, httpAuth, authorizer);
    res.json(await reportRuns.get(req.params.id, caller));
  });

  router.post('/v1/report-runs/:id/cancel', async (req, res) => {
    const caller = await callerOf(req, httpAuth, authorizer);
    res.json(await reportRuns.cancel(req.params.id, caller));
  });

  return router;
}
