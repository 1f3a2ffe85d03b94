// Policy reads for the workflow: the version in force for a division on a date (nearest division
// first), deadlines on the official calendar, and the subsidy standard.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/database.js';
import { loadWorkingCalendar } from '../db/repositories/calendar.js';
import { policyVersionsInForce } from '../db/repositories/policies.js';
import { effectiveStandards } from '../db/repositories/subsidyStandards.js';
import { divisionChain } from '../domain/divisions.js';
import type { PolicyBodies, PolicyDuration, PolicyName } from '../domain/policy.js';
import { addDays, addMonths, shanghaiDateOf, startOfShanghaiDay } from '../domain/shanghaiDates.js';
import { quoteSubsidy } from '../domain/subsidy.js';
import { type WorkingCalendar, addWorkingDays, isWorkingDay } from '../domain/workingDays.js';
import type { CaseActivities, Deadline, DeadlineRequest, LoadedPolicy, QuotedSubsidy } from './types.js';

const DAY_MS = 86_400_000;
/** The calendar changes a few times a year; re-reading it every minute is plenty. */
const CALENDAR_TTL_MS = 60_000;

export function createPolicyActivities(
  db: Db,
): Pick<CaseActivities, 'loadPolicy' | 'computeDeadlines' | 'quoteSubsidy'> {
  let calendar: { at: number; value: Promise<WorkingCalendar> } | null = null;
  const workingCalendar = (): Promise<WorkingCalendar> => {
    if (!calendar || Date.now() - calendar.at > CALENDAR_TTL_MS) {
      calendar = { at: Date.now(), value: loadWorkingCalendar(db) };
      calendar.value.catch(() => (calendar = null));
    }
    return calendar.value;
  };

  return {
    async loadPolicy<N extends PolicyName>(req: { name: N; division: string; asOf: string }): Promise<LoadedPolicy<N>> {
      const chain = divisionChain(req.division);
      const rows = await policyVersionsInForce(db, req.name, chain, req.asOf);
      for (const division of chain) {
        const row = rows.find((r) => r.division_code === division);
        if (row) {
          return {
            ref: {
              policyId: row.policy_id,
              name: req.name,
              division: row.division_code,
              effectiveFrom: row.effective_from,
            },
            body: row.body as PolicyBodies[N],
          };
        }
      }
      throw ApplicationFailure.create({
        type: 'PolicyMissingError',
        message: `no ${req.name} policy in force on ${req.asOf} for ${req.division} or the divisions above it`,
        nonRetryable: true,
      });
    },

    async computeDeadlines(req: { items: DeadlineRequest[] }): Promise<Deadline[]> {
      const needsCalendar = req.items.some((i) => 'workingDays' in i.duration);
      const cal = needsCalendar ? await workingCalendar() : null;
      return req.items.map((i) => shift(i.from, i.duration, i.before === true, cal));
    },

    async quoteSubsidy(req): Promise<QuotedSubsidy | null> {
      const rows = await effectiveStandards(db, divisionChain(req.division), req.date);
      const quote = quoteSubsidy(
        rows.map((r) => ({
          standardId: r.standard_id,
          division: r.division_code,
          amountFen: r.amount_fen,
          effectiveFrom: r.effective_from,
          status: r.status,
        })),
        req.division,
        req.date,
      );
      if (!quote) return null;
      return {
        standardId: quote.standard.standardId,
        standardDivision: quote.standard.division,
        effectiveFrom: quote.standard.effectiveFrom,
        amountFen: quote.amountFen,
        regionalShareFen: quote.regionalShareFen,
        localShareFen: quote.localShareFen,
        regionalStandardId: quote.regionalStandardId,
      };
    },
  };
}

/** Moves an instant by a policy duration. Working days end at the close of the due day. */
export function shift(from: string, d: PolicyDuration, before: boolean, cal: WorkingCalendar | null): Deadline {
  const sign = before ? -1 : 1;
  const t = Date.parse(from);
  if ('seconds' in d) return { at: new Date(t + sign * d.seconds * 1000).toISOString(), warning: null };
  if ('days' in d) return { at: new Date(t + sign * d.days * DAY_MS).toISOString(), warning: null };
  const date = shanghaiDateOf(new Date(t));
  const timeOfDay = t - startOfShanghaiDay(date).getTime();
  if ('months' in d) {
    return {
      at: new Date(startOfShanghaiDay(addMonths(date, sign * d.months)).getTime() + timeOfDay).toISOString(),
      warning: null,
    };
  }
  if (!cal) throw new Error('working-day deadline without a calendar');
  if (!before) {
    const due = addWorkingDays(date, d.workingDays, cal);
    return {
      at: new Date(startOfShanghaiDay(addDays(due.date, 1)).getTime() - 1000).toISOString(),
      warning: due.warning,
    };
  }
  // Backwards: the start of the n-th working day before the date.
  let day = date;
  for (let n = d.workingDays; n > 0;) {
    day = addDays(day, -1);
    if (isWorkingDay(day, cal)) n -= 1;
  }
  return { at: startOfShanghaiDay(day).toISOString(), warning: null };
}
