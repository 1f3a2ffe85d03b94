// The case workflow's contract with its callers: the task queue, the workflow type, every action
// (an Update with its argument) and query, and the search attributes. Imports only Temporal and
// types, so that api/ can import it without pulling workflow code into its bundle. The names given
// to defineUpdate/defineQuery are stored in every case's history: never rename them.
import { defineSearchAttributeKey } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Principal } from '../../domain/access.js';
import type { Pathway, ReviewDecision, WithdrawalReason } from '../../domain/vocabulary.js';
import type { AssessmentInput, CaseFacts, CaseState } from './state.js';

export const CASE_TASK_QUEUE = 'resettlement-cases';
/** The workflow type (workflow.ts's function name), as the API starts it. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

// ---- Actions: every human action is an Update; its validator refuses synchronously. ----

/** What every action carries: who asked, as the API authenticated them (into history and audit). */
export interface CaseAction {
  actor: Principal;
}
export interface SubmitAssessment extends CaseAction {
  assessment: AssessmentInput;
}
export interface SubmitProposal extends CaseAction {
  pathway: Pathway;
  reason?: string | null;
}
export interface ReviewProposal extends CaseAction {
  decision: ReviewDecision;
  comment: string;
}
export type ApproveDisbursement = CaseAction;
export interface ConfirmDisbursement extends CaseAction {
  voucherNo: string;
}
export interface CompleteTask extends CaseAction {
  taskId: string;
  outcome: string;
  note: string;
}
export interface BlockTask extends CaseAction {
  taskId: string;
  reason: string;
}
export interface ReassignTask extends CaseAction {
  taskId: string;
  assigneeSub: string | null;
  division: string | null;
  reason: string;
}
export interface WithdrawCase extends CaseAction {
  reason: WithdrawalReason;
  note: string;
}
export interface CorrectCase extends CaseAction {
  correctionId: string;
  /** Names of the fields changed (personal values stay in PostgreSQL). */
  fields: string[];
  /** The decision facts after the correction. */
  facts?: Partial<CaseFacts>;
  division?: string;
  adulthoodDate?: string;
  adulthoodAt?: string;
  reason: string;
}

export const submitAssessmentUpdate = defineUpdate<CaseState, [SubmitAssessment]>('submitAssessment');
export const submitProposalUpdate = defineUpdate<CaseState, [SubmitProposal]>('submitProposal');
export const reviewProposalUpdate = defineUpdate<CaseState, [ReviewProposal]>('reviewProposal');
export const approveDisbursementUpdate = defineUpdate<CaseState, [ApproveDisbursement]>('approveDisbursement');
export const confirmDisbursementUpdate = defineUpdate<CaseState, [ConfirmDisbursement]>('confirmDisbursement');
export const completeTaskUpdate = defineUpdate<CaseState, [CompleteTask]>('completeTask');
export const blockTaskUpdate = defineUpdate<CaseState, [BlockTask]>('blockTask');
export const reassignTaskUpdate = defineUpdate<CaseState, [ReassignTask]>('reassignTask');
export const withdrawCaseUpdate = defineUpdate<CaseState, [WithdrawCase]>('withdrawCase');
export const correctCaseUpdate = defineUpdate<CaseState, [CorrectCase]>('correctCase');

/**
 * Answers once the case has taken its first steps (registered, and moved to the stage its dates
 * put it in) and every record is written, so a registration can answer with the settled case.
 */
export const settledUpdate = defineUpdate<CaseState, []>('settled');

export const caseStateQuery = defineQuery<CaseState>('caseState');

// ---- Search attributes: non-personal, so the Temporal Web UI can filter cases. ----
export const CaseStageKey = defineSearchAttributeKey('CaseStage', 'KEYWORD');
export const CasePathwayKey = defineSearchAttributeKey('CasePathway', 'KEYWORD');
export const CaseDivisionKey = defineSearchAttributeKey('CaseDivision', 'KEYWORD');
export const CaseInstitutionKey = defineSearchAttributeKey('CaseInstitution', 'KEYWORD');
export const CASE_SEARCH_ATTRIBUTES = [CaseStageKey, CasePathwayKey, CaseDivisionKey, CaseInstitutionKey] as const;
