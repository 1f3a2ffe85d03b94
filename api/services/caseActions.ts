// Acting on a case: the caller must reach the case (else 404, as if it did not exist), then the
// workflow's Update decides; its refusal comes back as 409 INVALID_STAGE, 403 or 409 CONFLICT.
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../../db/database.js';
import { insertPendingCorrection, markCorrectionRefused } from '../../db/repositories/corrections.js';
import { divisionExists } from '../../db/repositories/divisions.js';
import { personIdOf } from '../../db/repositories/persons.js';
import { type CaseScopeRow, findCaseScope } from '../../db/repositories/readModels.js';
import { type Principal, caseInScope } from '../../domain/access.js';
import { checkIdNumber, normaliseIdNumber } from '../../domain/idNumber.js';
import { adulthoodDate, shanghaiDateOf, startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import { type DisabilityGrade, isTerminalStage } from '../../domain/vocabulary.js';
import { correctCaseUpdate } from '../../workflows/case/definitions.js';
import type { CaseFacts, CaseState } from '../../workflows/case/state.js';
import { conflict, invalidStage, notFound, validationFailed } from '../errors.js';
import type { CorrectionBody } from '../schemas/actions.js';
import { appliedUpdate, sendCaseUpdate } from './caseUpdate.js';
import type { TemporalDeps } from '../plugins/services.js';

/** The case, if the caller may act on it (a department acts only on its tasks); 404 otherwise. */
async function caseOfCaller(db: Db, principal: Principal, caseId: string): Promise<CaseScopeRow> {
  const row = await findCaseScope(db, caseId);
  if (
    !row ||
    principal.role === 'department' ||
    !caseInScope(principal, { division: row.division_code, institutionId: row.institution_id })
  ) {
    throw notFound('case');
  }
  return row;
}

/** A closed or withdrawn case's workflow has ended: say so rather than "not found". */
const caseEnded = (row: CaseScopeRow) => invalidStage(`the case is ${row.stage}: no further action is possible`);

/** The case, if the caller may act on it and it is still open; 404 or 409 otherwise. */
export async function requireCaseInScope(db: Db, principal: Principal, caseId: string): Promise<CaseScopeRow> {
  const row = await caseOfCaller(db, principal, caseId);
  if (isTerminalStage(row.stage)) throw caseEnded(row);
  return row;
}

export async function actOnCase<A extends { actor: Principal }>(
  db: Db,
  temporal: TemporalDeps,
  principal: Principal,
  caseId: string,
  update: UpdateDefinition<CaseState, [A]>,
  args: Omit<A, 'actor'>,
  updateId?: string,
): Promise<CaseState> {
  const row = await caseOfCaller(db, principal, caseId);
  if (isTerminalStage(row.stage)) {
    // The retry of an action that closed the case, whose first answer was lost: answered as then.
    const applied = await appliedUpdate(temporal, caseId, updateId);
    if (applied) return applied;
    throw caseEnded(row);
  }
  return sendCaseUpdate(temporal, caseId, update, { ...args, actor: principal } as A, updateId);
}

/**
 * Corrections: personal values wait in case_corrections and the workflow receives only the
 * correction id, the names of the fields and the decision facts after the change. With an
 * Idempotency-Key both the correction id and the Update ID come from it, so the retry of a
 * correction whose answer was lost joins the first one instead of correcting the case twice.
 */
export async function correctCase(
  db: Db,
  temporal: TemporalDeps,
  principal: Principal,
  caseId: string,
  body: CorrectionBody,
  updateId?: string,
): Promise<void> {
  const row = await requireCaseInScope(db, principal, caseId);
  const changes: Record<string, unknown> = { ...body.changes };
  const facts: Partial<CaseFacts> = {};
  let adulthood: { adulthoodDate: string; adulthoodAt: string } | null = null;

  if (body.changes.idNumber !== undefined) {
    const id = checkIdNumber(body.changes.idNumber, shanghaiDateOf(new Date()));
    if (!id.ok) throw validationFailed(`changes.idNumber: ${id.reason}`, { field: 'changes.idNumber' });
    const idNumber = normaliseIdNumber(body.changes.idNumber);
    const holder = await personIdOf(db, idNumber);
    if (holder !== undefined && holder !== row.person_id)
      throw conflict('changes.idNumber belongs to another registered person');
    Object.assign(changes, { idNumber, birthDate: id.birthDate, sex: id.sex });
    const date = adulthoodDate(id.birthDate);
    adulthood = { adulthoodDate: date, adulthoodAt: startOfShanghaiDay(date).toISOString() };
  }
  if (body.changes.division !== undefined) {
    if (!(await divisionExists(db, body.changes.division)))
      throw validationFailed(
        `changes.division: ${body.changes.division} is not a GB/T 2260 division of Inner Mongolia`,
      );
  }
  if (body.changes.hukouType !== undefined) facts.hukouType = body.changes.hukouType;
  if (body.changes.disability !== undefined) {
    facts.disability = body.changes.disability
      ? { category: body.changes.disability.category, grade: body.changes.disability.grade as DisabilityGrade }
      : null;
  }
  if (body.changes.seriousIllness !== undefined) facts.seriousIllness = body.changes.seriousIllness;
  if (body.changes.inFullTimeEducationUntil !== undefined)
    facts.inFullTimeEducationUntil = body.changes.inFullTimeEducationUntil;
  if (body.changes.bankAccount !== undefined) facts.hasBankAccount = true;

  const correctionId = updateId ? uuidOf(updateId) : randomUUID();
  await insertPendingCorrection(db, { correctionId, caseId, changes, reason: body.reason, requestedBy: principal });
  try {
    await sendCaseUpdate(
      temporal,
      caseId,
      correctCaseUpdate,
      {
        actor: principal,
        correctionId,
        fields: Object.keys(body.changes),
        facts,
        ...(body.changes.division !== undefined ? { division: body.changes.division } : {}),
        ...(adulthood ?? {}),
        reason: body.reason,
      },
      updateId,
    );
  } catch (err) {
    await markCorrectionRefused(db, correctionId);
    throw err;
  }
}

/** A UUID (version 8, name-based) from the first 128 bits of a hex digest. */
function uuidOf(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
