// The text of each notification kind, from data only: the case id, the task kind, the due date
// (Asia/Shanghai), a decision or a payment status. Never a name, an ID number or free text a person
// typed (a comment or a blocker's reason could name someone), so a message may go anywhere a
// notification goes: the inbox, an e-mail digest, a webhook to another system.
import { shanghaiDateOf } from './shanghaiDates.js';

const day = (instant: string) => shanghaiDateOf(new Date(instant));

export const notificationMessages = {
  taskAssigned: (caseId: string, taskKind: string, dueAt: string) =>
    `New task ${taskKind} for case ${caseId}, due ${day(dueAt)}`,
  reminder: (caseId: string, taskKind: string, dueAt: string) =>
    `Task ${taskKind} for case ${caseId} is due ${day(dueAt)}`,
  escalation: (caseId: string, taskKind: string, dueAt: string, why: 'overdue' | 'blocked', to: string) =>
    why === 'blocked'
      ? `Task ${taskKind} for case ${caseId} is blocked; escalated to ${to}`
      : `Task ${taskKind} for case ${caseId} is overdue since ${day(dueAt)}; escalated to ${to}`,
  decision: (caseId: string, decision: string, pathway: string | null) =>
    `Case ${caseId}: civil affairs decided "${decision}" on the proposal${pathway ? ` (${pathway})` : ''}`,
  payment: (caseId: string, status: 'approved' | 'paid' | 'failed', attempt: number) =>
    `Case ${caseId}: subsidy payment ${status} (attempt ${attempt})`,
  cosignature: (standardId: string, division: string, effectiveFrom: string) =>
    `Subsidy standard ${standardId} for ${division} from ${effectiveFrom} awaits finance's co-signature`,
};
