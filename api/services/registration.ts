// Registers a youth and starts their case. The person and case rows and the workflow start share
// one transaction: the partial unique index on open cases refuses a second open case for the same
// ID number, and if the workflow cannot start nothing is written.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { divisionExists } from '../../db/repositories/divisions.js';
import { openCaseOf, upsertPerson } from '../../db/repositories/persons.js';
import { insertRegisteredCase } from '../../db/repositories/readModels.js';
import { type Principal } from '../../domain/access.js';
import { divisionCovers } from '../../domain/divisions.js';
import { checkIdNumber, normaliseIdNumber } from '../../domain/idNumber.js';
import { adulthoodDate, isValidDate, shanghaiDateOf, startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import type { DisabilityGrade } from '../../domain/vocabulary.js';
import {
  CASE_WORKFLOW_TYPE,
  CaseDivisionKey,
  CaseInstitutionKey,
  CasePathwayKey,
  CaseStageKey,
  settledUpdate,
} from '../../workflows/case/definitions.js';
import type { CaseInput } from '../../workflows/case/state.js';
// A type only: the start is checked against the workflow's signature, and no workflow code
// reaches the API's bundle.
import type { caseWorkflow } from '../../workflows/case/workflow.js';
import { conflict, validationFailed } from '../errors.js';
import type { TemporalDeps } from '../plugins/services.js';
import { withinTime } from './caseUpdate.js';
import type { RegisterCaseBody } from '../schemas/cases.js';

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

/** Checks the body beyond its schema; the message names the field and the rule. */
export async function checkRegistration(db: Db, principal: Principal, body: RegisterCaseBody, today: string) {
  const id = checkIdNumber(body.person.idNumber, today);
  if (!id.ok) throw validationFailed(`person.idNumber: ${id.reason}`, { field: 'person.idNumber' });
  const until = body.person.inFullTimeEducationUntil;
  if (until !== undefined && !isValidDate(until))
    throw validationFailed(`person.inFullTimeEducationUntil: ${until} is not a real date`);
  if (!(await divisionExists(db, body.division)))
    throw validationFailed(`division: ${body.division} is not a GB/T 2260 division of Inner Mongolia`, {
      field: 'division',
    });
  if (!divisionCovers(principal.division, body.division)) {
    throw validationFailed(`division: ${body.division} is not within your jurisdiction ${principal.division}`, {
      field: 'division',
    });
  }
  return id;
}

/** Registers the youth and answers once the case has settled into its first stage. */
export async function registerCase(
  db: Db,
  temporal: TemporalDeps,
  principal: Principal,
  body: RegisterCaseBody,
): Promise<string> {
  const caseId = await startCase(db, temporal, principal, body);
  // Wait until the case has taken its first steps, so the answer shows its settled stage; but
  // the registration is durable already, so a slow or absent worker must not hold the answer.
  await withinTime(
    temporal,
    SETTLE_WAIT_MS,
    () => temporal.client.workflow.getHandle<typeof caseWorkflow>(caseId).executeUpdate(settledUpdate),
    () => undefined,
  ).catch(() => undefined);
  return caseId;
}

/**
 * How long a registration waits for the case's first steps before answering with what is recorded.
 * Each step's record is an activity scheduled when the workflow task completes (a round trip through
 * the server per event, patch records-after-task-completion): at load 25-30 on two cores an adult's
 * first steps took longer than 5 s.
 */
const SETTLE_WAIT_MS = 10_000;

/**
 * Checks and registers one youth and starts the case's workflow, without waiting for its first
 * steps (a roster import only needs the case ID). Refused: nothing is written.
 */
export async function startCase(
  db: Db,
  temporal: TemporalDeps,
  principal: Principal,
  body: RegisterCaseBody,
): Promise<string> {
  const today = shanghaiDateOf(new Date());
  const id = await checkRegistration(db, principal, body, today);
  const idNumber = normaliseIdNumber(body.person.idNumber);
  const adulthood = adulthoodDate(id.birthDate);
  const caseId = `case-${randomUUID()}`;
  const person = body.person;

  try {
    await db.transaction().execute(async (trx) => {
      const personId = await upsertPerson(trx, {
        person_id: randomUUID(),
        id_number: idNumber,
        name: person.name,
        birth_date: id.birthDate,
        sex: id.sex,
        hukou_type: person.hukouType,
        disability: person.disability ? JSON.stringify(person.disability) : null,
        serious_illness: person.seriousIllness ?? false,
        in_full_time_education_until: person.inFullTimeEducationUntil ?? null,
        bank_account: person.bankAccount ? JSON.stringify(person.bankAccount) : null,
      });
      await insertRegisteredCase(trx, {
        case_id: caseId,
        person_id: personId,
        institution_id: principal.org,
        division_code: body.division,
        stage: 'awaiting_adulthood',
        adulthood_date: adulthood,
      });
      const input: CaseInput = {
        caseId,
        institutionId: principal.org,
        division: body.division,
        adulthoodDate: adulthood,
        adulthoodAt: startOfShanghaiDay(adulthood).toISOString(),
        facts: {
          hukouType: person.hukouType,
          disability: person.disability
            ? { category: person.disability.category, grade: person.disability.grade as DisabilityGrade }
            : null,
          seriousIllness: person.seriousIllness ?? false,
          inFullTimeEducationUntil: person.inFullTimeEducationUntil ?? null,
          hasBankAccount: person.bankAccount !== undefined,
        },
        registeredBy: principal,
      };
      await startCaseWorkflow(temporal, input);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'cases_one_open_per_person')) {
      const existing = await openCaseOf(db, idNumber);
      throw conflict('this ID number already has an open case', { caseId: existing ?? null });
    }
    throw err;
  }
  return caseId;
}

/** How long a worker has for one workflow task of a case before Temporal gives it to another. */
export const CASE_WORKFLOW_TASK_TIMEOUT = '20 seconds';

export async function startCaseWorkflow(temporal: TemporalDeps, input: CaseInput): Promise<void> {
  await temporal.client.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
    workflowId: input.caseId,
    taskQueue: temporal.taskQueue,
    args: [input],
    // Twice the default: on a loaded machine a task that reads policies can take more than 10 s,
    // and a timed-out task is done again from the start. A task lost with its worker is retried
    // after this long (its writes wait for its completion, so a lost task leaves nothing behind).
    workflowTaskTimeout: CASE_WORKFLOW_TASK_TIMEOUT,
    typedSearchAttributes: [
      { key: CaseStageKey, value: 'awaiting_adulthood' },
      { key: CasePathwayKey, value: 'none' },
      { key: CaseDivisionKey, value: input.division },
      { key: CaseInstitutionKey, value: input.institutionId },
    ],
  });
}
