// The assignee's actions on a task: complete, block (which escalates), reassign in the department.
import { divisionCovers } from '../../../domain/divisions.js';
import type { CaseProcess } from '../caseProcess.js';
import { refuse, requireAssignedTask, requireText } from '../checks.js';
import { blockTaskUpdate, completeTaskUpdate, reassignTaskUpdate } from '../definitions.js';
import { registerAction } from './action.js';

export function registerTaskActions(caseProcess: CaseProcess): void {
  const { state, board, recorder, disbursement } = caseProcess;

  registerAction(
    caseProcess,
    completeTaskUpdate,
    ({ actor, taskId, outcome, note }) => {
      const task = requireAssignedTask(state, actor, taskId);
      requireText(outcome, 'outcome', 200);
      if (typeof note !== 'string' || note.length > 2000)
        refuse('VALIDATION_FAILED', 'note must be a string of at most 2000 characters');
      if (task.department === 'finance' && task.kind === 'subsidy_disbursement') {
        refuse(
          'INVALID_STAGE',
          'the disbursement task completes when the payment is made: approve and confirm the disbursement',
        );
      }
      if (task.kind === 'assessment' || task.kind === 'review') {
        refuse(
          'INVALID_STAGE',
          `the ${task.kind} task completes with the ${task.kind === 'assessment' ? 'assessment and proposal' : 'review decision'}`,
        );
      }
      if (task.kind === 'destitute_annual_review' && outcome !== 'continue' && outcome !== 'end') {
        refuse('VALIDATION_FAILED', 'outcome of an annual review must be continue or end');
      }
    },
    async ({ actor, taskId, outcome, note }) => {
      const task = board.find(taskId)!;
      await board.close(task, 'done', actor, outcome, note);
      if (task.kind === 'correct_bank_account' || task.kind === 'provide_bank_account')
        await disbursement.retryIfRejected();
    },
  );

  registerAction(
    caseProcess,
    blockTaskUpdate,
    ({ actor, taskId, reason }) => {
      const task = requireAssignedTask(state, actor, taskId);
      requireText(reason, 'reason');
      if (task.status === 'blocked') refuse('CONFLICT', `task ${taskId} is already blocked`);
    },
    async ({ actor, taskId, reason }) => {
      const task = board.find(taskId)!;
      task.status = 'blocked';
      task.blockReason = reason;
      await recorder.record('task.blocked', actor, { taskId, kind: task.kind, reason }, [task]);
      await board.escalate(task, 'blocked');
    },
  );

  registerAction(
    caseProcess,
    reassignTaskUpdate,
    ({ actor, taskId, assigneeSub, division, reason }) => {
      const task = requireAssignedTask(state, actor, taskId);
      requireText(reason, 'reason');
      if (task.assigneeRole === 'institution') refuse('INVALID_STAGE', 'institution tasks are not reassigned');
      if (division != null && (!/^\d{6}$/.test(division) || !divisionCovers(actor.division, division)))
        refuse('FORBIDDEN', `division ${division} is outside ${actor.division}`);
      if (assigneeSub == null && division == null) refuse('VALIDATION_FAILED', 'give assigneeSub, division or both');
    },
    async ({ actor, taskId, assigneeSub, division, reason }) => {
      const task = board.find(taskId)!;
      if (division != null) task.division = division;
      task.assigneeSub = assigneeSub;
      await recorder.record(
        'task.reassigned',
        actor,
        { taskId, kind: task.kind, division: task.division, assigneeSub, reason },
        [task],
      );
    },
  );
}
