// Subsidy standards as policy data: civil affairs proposes a version for a division in its
// jurisdiction, finance of that jurisdiction co-signs it, and from then on the workflow's
// quoteSubsidy reads it. Each change and its audit event (chain `subsidy-standards`) commit together.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit.js';
import { insertNotificationOnce } from '../../db/repositories/notifications.js';
import { enqueueDeliveries } from '../../db/repositories/webhooks.js';
import {
  effectiveStandardFrom,
  insertProposedStandard,
  lockStandard,
  markStandardEffective,
  serialiseCosigning,
} from '../../db/repositories/subsidyStandards.js';
import type { SubsidyStandardRow } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { divisionCovers } from '../../domain/divisions.js';
import { notificationMessages } from '../../domain/notificationMessages.js';
import { isValidDate } from '../../domain/shanghaiDates.js';
import { conflict, forbidden, notFound, validationFailed } from '../errors.js';
import type { ProposeStandardBody, StandardListQuery, SubsidyStandard } from '../schemas/subsidyStandards.js';
import { divisionWithin } from './jurisdiction.js';
import { after, decodeCursor, exactInstant, page } from './keyset.js';

export const STANDARDS_CHAIN = 'subsidy-standards';

function view(r: SubsidyStandardRow): SubsidyStandard {
  return {
    id: r.standard_id,
    division: r.division_code,
    amountFen: r.amount_fen,
    effectiveFrom: r.effective_from,
    status: r.status,
    basis: r.basis,
    proposedBy: r.proposed_by,
    cosignedBy: r.cosigned_by,
    cosignedAt: r.cosigned_at ? new Date(r.cosigned_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Standards are public policy: every role sees every version. */
export async function listStandards(
  db: Db,
  q: StandardListQuery,
): Promise<{ items: SubsidyStandard[]; nextCursor: string | null }> {
  let query = db.selectFrom('subsidy_standards').selectAll().select(exactInstant('created_at').as('position'));
  if (q.division) query = query.where('division_code', '=', q.division);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.cursor) query = query.where(after('created_at', 'standard_id', decodeCursor(q.cursor)));
  const rows = await query
    .orderBy('created_at')
    .orderBy('standard_id')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => ({ at: r.position, id: r.standard_id }));
  return { items: result.items.map(view), nextCursor: result.nextCursor };
}

export async function proposeStandard(
  db: Db,
  principal: Principal,
  body: ProposeStandardBody,
  /** Starts the webhook deliveries the proposal enqueued, once it is committed. */
  startDeliveries: (deliveryIds: string[]) => Promise<void> = async () => {},
): Promise<SubsidyStandard> {
  if (!isValidDate(body.effectiveFrom))
    throw validationFailed(`effectiveFrom: ${body.effectiveFrom} is not a real date`, { field: 'effectiveFrom' });
  await divisionWithin(db, principal, body.division);
  const standardId = randomUUID();
  let deliveries: string[] = [];
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertProposedStandard(trx, { standardId, ...body, proposedBy: principal });
    await appendAuditEvent(trx, {
      chainId: STANDARDS_CHAIN,
      eventKey: `standard:${standardId}:proposed`,
      at: new Date(inserted.created_at).toISOString(),
      actor: principal,
      action: 'subsidy_standard.proposed',
      data: {
        standardId,
        division: body.division,
        amountFen: body.amountFen,
        effectiveFrom: body.effectiveFrom,
        basis: body.basis,
      },
      workflowId: null,
      runId: null,
      division: body.division,
    });
    // Finance of a jurisdiction covering the division is who may co-sign it.
    const notificationId = `standard:${standardId}:cosignature`;
    await insertNotificationOnce(trx, {
      notificationId,
      kind: 'cosignature',
      caseId: null,
      taskId: null,
      standardId,
      audience: { role: 'finance', org: null, division: body.division },
      message: notificationMessages.cosignature(standardId, body.division, body.effectiveFrom),
      details: { effectiveFrom: body.effectiveFrom },
    });
    deliveries = await enqueueDeliveries(trx, {
      eventId: notificationId,
      notificationId,
      kind: 'cosignature',
      division: body.division,
    });
    return inserted;
  });
  await startDeliveries(deliveries);
  return view(row);
}

/**
 * Finance of the standard's jurisdiction co-signs once. Two effective versions for one division
 * and date would make the amount ambiguous, so that is refused: supersede with a later date.
 */
export async function cosignStandard(db: Db, principal: Principal, standardId: string): Promise<SubsidyStandard> {
  const row = await db.transaction().execute(async (trx) => {
    const current = await lockStandard(trx, standardId);
    if (!current) throw notFound('subsidy standard');
    if (!divisionCovers(principal.division, current.division_code)) {
      throw forbidden(`the standard is for ${current.division_code}, outside your jurisdiction ${principal.division}`);
    }
    if (current.status !== 'proposed') {
      throw conflict(
        `the standard is already effective: co-signed at ${new Date(current.cosigned_at ?? current.created_at).toISOString()}`,
        { standardId },
      );
    }
    await serialiseCosigning(trx, current.division_code);
    const clash = await effectiveStandardFrom(trx, current.division_code, current.effective_from);
    if (clash) {
      throw conflict(
        `standard ${clash} is already effective for ${current.division_code} from ${current.effective_from}; propose a later effectiveFrom to supersede it`,
        { standardId: clash },
      );
    }
    const now = new Date();
    const updated = await markStandardEffective(trx, standardId, principal, now);
    await appendAuditEvent(trx, {
      chainId: STANDARDS_CHAIN,
      eventKey: `standard:${standardId}:cosigned`,
      at: now.toISOString(),
      actor: principal,
      action: 'subsidy_standard.cosigned',
      data: {
        standardId,
        division: current.division_code,
        amountFen: current.amount_fen,
        effectiveFrom: current.effective_from,
      },
      workflowId: null,
      runId: null,
      division: current.division_code,
    });
    return updated;
  });
  return view(row);
}
