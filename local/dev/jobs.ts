import * as z from 'zod';
import { NotFound } from '../../shared/platform/errors';
import { runJob } from '../jobs';
import { defineDevEndpoint } from './registry';

/** POST /dev/jobs/{name}/run { now? } : runs a scheduled job now, optionally as if the clock read `now`. */
export const runJobEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/jobs/{name}/run',
  summary: 'Run a scheduled job now ({ now? } sets the clock the job sees).',
  body: z.object({ now: z.iso.datetime({ offset: true }).optional() }).strict(),
  async handle({ params, body }, context) {
    const job = context.jobs.find((candidate) => candidate.name === params.name);
    if (!job) {
      throw new NotFound(
        `No job named ${params.name}. Known jobs: ${context.jobs.map((j) => j.name).join(', ') || 'none'}.`,
      );
    }
    const { processed } = await runJob(job, context.invoke, body.now);
    return { status: 200, body: { processed } };
  },
});

/** GET /dev/jobs : the scheduled jobs and how often they run locally. */
export const listJobsEndpoint = defineDevEndpoint({
  method: 'GET',
  path: '/dev/jobs',
  summary: 'Scheduled jobs and their local interval.',
  async handle(_request, context) {
    const items = context.jobs.map(({ name, schedule, localEveryMs }) => ({ name, schedule, localEveryMs }));
    return { status: 200, body: { items } };
  },
});
