// Reads cases and tasks from the read models and shapes them for the caller: the ID number is
// masked unless the caller's role needs it, and every unmasked read is recorded in the audit chain.
import type { Db } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit.js';
import { tasksOfCase } from '../../db/repositories/readModels.js';
import type { TaskRow } from '../../db/schema.js';
import { type Principal, caseInScope, seesFullIdNumber, taskAssignedTo } from '../../domain/access.js';
import { maskIdNumber } from '../../domain/idNumber.js';
import { type Pathway, type Stage, isOpenTaskStatus } from '../../domain/vocabulary.js';
import { notFound } from '../errors.js';
import type { CaseView, TaskView } from '../schemas/cases.js';
import { assignmentOf } from './tasks.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** One task as the API answers it. The inbox shapes the same view in SQL (services/tasks.ts listInbox). */
export function taskView(t: TaskRow): TaskView {
  return {
    taskId: t.task_id,
    caseId: t.case_id,
    kind: t.kind,
    department: t.department,
    assigneeRole: t.assignee_role,
    institutionId: t.institution_id,
    division: t.division_code,
    assigneeSub: t.assignee_sub,
    status: t.status,
    dueAt: iso(t.due_at),
    dueDateWarning: t.due_date_warning,
    overdue: isOpenTaskStatus(t.status) && new Date(t.due_at).getTime() < Date.now(),
    escalationLevel: t.escalation_level,
    escalatedTo: t.escalated_to,
    outcome: t.outcome,
    note: t.note,
    blockReason: t.block_reason,
    details: t.details,
    createdAt: iso(t.created_at),
    completedAt: t.completed_at ? iso(t.completed_at) : null,
  };
}

/** A department reaches a case only through a task of its own department on it. */
export async function departmentHasTask(db: Db, principal: Principal, caseId: string): Promise<boolean> {
  const tasks = await tasksOfCase(db, caseId);
  return tasks.some((task) => taskAssignedTo(principal, assignmentOf(task)));
}

export async function readCase(db: Db, principal: Principal, caseId: string, requestId: string): Promise<CaseView> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.person_id', 'cases.person_id')
    .selectAll('cases')
    .select([
      'persons.name',
      'persons.id_number',
      'persons.birth_date',
      'persons.sex',
      'persons.hukou_type',
      'persons.disability',
      'persons.serious_illness',
      'persons.in_full_time_education_until',
      'persons.bank_account',
    ])
    .where('cases.case_id', '=', caseId)
    .executeTakeFirst();
  if (!row || !caseInScope(principal, { division: row.division_code, institutionId: row.institution_id }))
    throw notFound('case');
  if (principal.role === 'department' && !(await departmentHasTask(db, principal, caseId))) throw notFound('case');

  const full = seesFullIdNumber(principal);
  if (full) {
    await appendAuditEvent(db, {
      chainId: caseId,
      eventKey: `view:${requestId}`,
      at: new Date().toISOString(),
      actor: principal,
      action: 'person.id_number_viewed',
      data: { requestId },
      workflowId: null,
      runId: null,
      division: row.division_code,
    });
  }
  const tasks = await tasksOfCase(db, caseId);
  const account = row.bank_account;
  const subsidy = row.subsidy as (CaseView['subsidy'] & Record<string, unknown>) | null;
  return {
    caseId: row.case_id,
    stage: row.stage as Stage,
    pathway: row.pathway as Pathway | null,
    person: {
      name: row.name,
      idNumber: full ? row.id_number : maskIdNumber(row.id_number),
      idNumberMasked: !full,
      birthDate: row.birth_date,
      sex: row.sex,
      hukouType: row.hukou_type,
      disability: row.disability as CaseView['person']['disability'],
      seriousIllness: row.serious_illness,
      inFullTimeEducationUntil: row.in_full_time_education_until,
      bankAccount: account
        ? {
            bank: account.bank,
            holder: account.holder,
            accountNo:
              principal.role === 'finance' || principal.role === 'institution'
                ? account.accountNo
                : `****${account.accountNo.slice(-4)}`,
          }
        : null,
    },
    division: row.division_code,
    institutionId: row.institution_id,
    adulthoodDate: row.adulthood_date,
    assessment: row.assessment,
    recommendation: row.recommendation as CaseView['recommendation'],
    proposal: row.proposal,
    reviews: row.reviews,
    subsidy: subsidy
      ? {
          amountFen: subsidy.amountFen,
          regionalShareFen: subsidy.regionalShareFen,
          localShareFen: subsidy.localShareFen,
          standardId: subsidy.standardId,
          status: subsidy.status,
          voucherNo: subsidy.voucherNo,
          attempt: subsidy.attempt,
          failureReason: subsidy.failureReason,
        }
      : null,
    withdrawal: row.withdrawal,
    tasks: tasks.map((t) => taskView(t)),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
