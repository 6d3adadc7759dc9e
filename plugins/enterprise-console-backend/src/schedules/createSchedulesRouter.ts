import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import Router from 'express-promise-router';
import { describeActor } from '../lib/describeActor';
import { parseEmptyBody, parseScheduleListQuery } from './scheduleRequests';
import { ScheduleChange, ScheduleService } from './ScheduleService';
import { ScheduleRecord } from './ScheduleStore';

/** A schedule as an audit event's meta carries it. */
function toJson(record: ScheduleRecord) {
  return JSON.parse(JSON.stringify(record));
}

/** A schedule as the API answers it: the stored record. */
function answer(record: ScheduleRecord) {
  return record;
}

/**
 * `/v1/schedules` (api.md, "Scheduled reports"): list, create, read,
 * replace, delete, enable, disable and run now. Every change is audited
 * (`schedule-<action>`) with the schedule before and after, as settings
 * changes are; a refused change is audited as failed.
 */
export function createSchedulesRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  schedules: ScheduleService;
}) {
  const { httpAuth, auditor, schedules } = options;
  const router = Router();

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Runs a change inside its audit event: success with before/after, or fail. */
  async function audited<T extends ScheduleChange>(
    req: Request,
    action: string,
    credentials: BackstageCredentials,
    change: () => Promise<T>,
  ): Promise<T> {
    const actor = describeActor(credentials);
    const scheduleId = req.params.id;
    const event = await auditor.createEvent({
      eventId: `schedule-${action}`,
      severityLevel: 'medium',
      request: req,
      meta: { actor, ...(scheduleId ? { scheduleId } : {}) },
    });
    try {
      const result = await change();
      const schedule = result.after ?? result.before;
      await event.success({
        meta: {
          actor,
          scheduleId: schedule?.id,
          accountId: schedule?.accountId,
          before: result.before ? toJson(result.before) : null,
          after: result.after ? toJson(result.after) : null,
        },
      });
      return result;
    } catch (error) {
      await event.fail({
        error: error as Error,
        meta: { actor, ...(scheduleId ? { scheduleId } : {}) },
      });
      throw error;
    }
  }

  router.get('/v1/schedules', async (req, res) => {
    const credentials = await credentialsOf(req);
    const page = await schedules.list(
      parseScheduleListQuery(req.query),
      credentials,
    );
    res.json({ ...page, items: page.items.map(answer) });
  });

  router.post('/v1/schedules', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { after } = await audited(req, 'create', credentials, () =>
      schedules.create(req.body, credentials),
    );
    res.status(201).json(answer(after));
  });

  router.get('/v1/schedules/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(answer(await schedules.get(req.params.id, credentials)));
  });

  router.put('/v1/schedules/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { after } = await audited(req, 'update', credentials, () =>
      schedules.update(req.params.id, req.body, credentials),
    );
    res.json(answer(after));
  });

  router.delete('/v1/schedules/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    await audited(req, 'delete', credentials, () =>
      schedules.delete(req.params.id, credentials),
    );
    res.status(204).end();
  });

  for (const action of ['enable', 'disable'] as const) {
    router.post(`/v1/schedules/:id/${action}`, async (req, res) => {
      const credentials = await credentialsOf(req);
      const { after } = await audited(req, action, credentials, async () => {
        parseEmptyBody(req.body);
        return schedules.setEnabled(
          req.params.id,
          action === 'enable',
          credentials,
        );
      });
      res.json(answer(after));
    });
  }

  router.post('/v1/schedules/:id/run', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { run } = await audited(req, 'run', credentials, async () => {
      parseEmptyBody(req.body);
      const result = await schedules.runNow(req.params.id, credentials);
      return { ...result, after: result.schedule };
    });
    res.status(202).json(run);
  });

  return router;
}
