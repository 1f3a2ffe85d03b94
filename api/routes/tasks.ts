// Task inboxes and the actions of the assignee: complete, block (escalates), reassign.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type Principal, hasPermission, taskAssignedTo } from '../../domain/access.js';
import { blockTaskUpdate, completeTaskUpdate, reassignTaskUpdate } from '../../workflows/case/definitions.js';
import { conflict, forbidden } from '../errors.js';
import { EXPORT_ROW_CAP, requestedFormat } from '../export/format.js';
import { sendExport } from '../export/reply.js';
import { TASK_COLUMNS, taskPages } from '../export/taskExport.js';
import { listOrExport, withFormat } from '../schemas/export.js';
import type { ListExportOptions } from './caseList.js';
import { BlockTaskBody, CompleteTaskBody, ReassignTaskBody, TaskParams } from '../schemas/actions.js';
import { TaskView } from '../schemas/cases.js';
import { errorResponses } from '../schemas/common.js';
import { InboxQuery, TaskList } from '../schemas/tasks.js';
import { taskView } from '../services/caseViews.js';
import { appliedUpdate, idempotencyKey, sendCaseUpdate, updateIdFor } from '../services/caseUpdate.js';
import { assignmentOf, listInbox, readTask } from '../services/tasks.js';

export const taskRoutes: FastifyPluginAsyncTypebox<ListExportOptions> = async (app, opts) => {
  const cap = opts.exportRowCap ?? EXPORT_ROW_CAP;
  app.get(
    '/v1/tasks',
    {
      schema: {
        operationId: 'listTasks',
        tags: ['tasks'],
        summary: "the caller's inbox, oldest due first",
        description:
          'With `format=csv` or `format=xlsx` (or that Accept header) every matching task of the inbox comes as a file, streamed, ' +
          'oldest due first: `Content-Disposition: attachment; filename="tasks-YYYYMMDD.csv"`.',
        querystring: withFormat(InboxQuery),
        response: {
          200: listOrExport(
            TaskList,
            'a page of the inbox, or all of it as a CSV or .xlsx file',
            TASK_COLUMNS.map((c) => c.header).join(', '),
          ),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!hasPermission(request.principal, 'task.list'))
        throw forbidden(`role ${request.principal.role} has no task inbox`);
      const { format, ...query } = request.query;
      const wanted = requestedFormat(request, format);
      if (wanted === 'json') return listInbox(app.db, request.principal, query);
      const pages = await taskPages(app.db, request.principal, query, cap);
      return sendExport(reply as FastifyReply, 'tasks', wanted, TASK_COLUMNS, pages, '任务');
    },
  );

  app.get(
    '/v1/tasks/:taskId',
    {
      schema: {
        operationId: 'getTask',
        tags: ['tasks'],
        summary: 'one task (assignee, case parties, auditors)',
        params: TaskParams,
        response: { 200: TaskView, ...errorResponses },
      },
    },
    async (request) => taskView(await readTask(app.db, request.principal, request.params.taskId)),
  );

  /** Sends the assignee's action on the task to its case, then answers with the task as it now stands. */
  const actOnTask = async (
    principal: Principal,
    taskId: string,
    updateId: string | undefined,
    send: (caseId: string, updateId: string | undefined) => Promise<unknown>,
  ) => {
    const task = await readTask(app.db, principal, taskId);
    // The same order as the workflow's validator: not the assignee → 403; a finished task → 409,
    // whatever its case is doing now (its completion may have closed the case and ended the workflow).
    if (!hasPermission(principal, 'task.act') || !taskAssignedTo(principal, assignmentOf(task))) {
      throw forbidden(`task ${taskId} is not assigned to ${principal.role} ${principal.org} of ${principal.division}`);
    }
    if (task.status === 'done' || task.status === 'cancelled') {
      // Unless this is the retry of the action that finished it, whose first answer was lost.
      if (!(await appliedUpdate(app.temporal, task.case_id, updateId)))
        throw conflict(`task ${taskId} is already ${task.status === 'done' ? 'done' : 'cancelled'}`);
    } else {
      await send(task.case_id, updateId);
    }
    return taskView(await readTask(app.db, principal, taskId));
  };

  app.post(
    '/v1/tasks/:taskId/complete',
    {
      schema: {
        operationId: 'completeTask',
        tags: ['tasks'],
        summary: 'complete the task with an outcome (assignee); a task already done answers 409',
        params: TaskParams,
        body: CompleteTaskBody,
        response: { 200: TaskView, ...errorResponses },
      },
    },
    async (request) =>
      actOnTask(
        request.principal,
        request.params.taskId,
        updateIdFor(request.principal, idempotencyKey(request), 'complete'),
        (caseId, updateId) =>
          sendCaseUpdate(
            app.temporal,
            caseId,
            completeTaskUpdate,
            { actor: request.principal, taskId: request.params.taskId, ...request.body },
            updateId,
          ),
      ),
  );

  app.post(
    '/v1/tasks/:taskId/block',
    {
      schema: {
        operationId: 'blockTask',
        tags: ['tasks'],
        summary: 'report a blocker (assignee); escalates to the level above',
        params: TaskParams,
        body: BlockTaskBody,
        response: { 200: TaskView, ...errorResponses },
      },
    },
    async (request) =>
      actOnTask(
        request.principal,
        request.params.taskId,
        updateIdFor(request.principal, idempotencyKey(request), 'block'),
        (caseId, updateId) =>
          sendCaseUpdate(
            app.temporal,
            caseId,
            blockTaskUpdate,
            { actor: request.principal, taskId: request.params.taskId, reason: request.body.reason },
            updateId,
          ),
      ),
  );

  app.post(
    '/v1/tasks/:taskId/reassign',
    {
      schema: {
        operationId: 'reassignTask',
        tags: ['tasks'],
        summary:
          'reassign within the department: to an officer, to an office of a division in your jurisdiction, or both',
        params: TaskParams,
        body: ReassignTaskBody,
        response: { 200: TaskView, ...errorResponses },
      },
    },
    async (request) =>
      actOnTask(
        request.principal,
        request.params.taskId,
        updateIdFor(request.principal, idempotencyKey(request), 'reassign'),
        (caseId, updateId) =>
          sendCaseUpdate(
            app.temporal,
            caseId,
            reassignTaskUpdate,
            {
              actor: request.principal,
              taskId: request.params.taskId,
              assigneeSub: request.body.assigneeSub ?? null,
              division: request.body.division ?? null,
              reason: request.body.reason,
            },
            updateId,
          ),
      ),
  );
};
