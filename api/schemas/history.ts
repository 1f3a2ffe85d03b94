// Schemas of the audit trail: a case's history, its verification, and the jurisdiction export.
import { Type, type Static } from 'typebox';
import { BREAK_REASONS } from '../../db/repositories/auditVerify.js';
import { AUDIT_EVENT_TYPES } from '../../domain/eventTypes.js';
import { CaseId, DivisionCode, Instant } from './common.js';

export const HistoryParams = Type.Object({ caseId: CaseId }, { additionalProperties: false });

export const HistoryQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 100, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const AuditActor = Type.Object({
  sub: Type.String(),
  role: Type.String({ description: 'the role, or admin for the system itself (timers, the payment gateway)' }),
  org: Type.String(),
  division: Type.String(),
});

export const HistoryEvent = Type.Object({
  seq: Type.Integer({ minimum: 1, description: 'position in the case chain, from 1' }),
  at: Instant,
  actor: AuditActor,
  action: Type.Enum(AUDIT_EVENT_TYPES, { description: 'what happened: the event type' }),
  data: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String({ description: 'hash of the event before (64 zeros for the first)' }),
  hash: Type.String({ description: 'SHA-256 over the canonical JSON of the event and prevHash' }),
});
export type HistoryEvent = Static<typeof HistoryEvent>;

export const HistoryPage = Type.Object({
  items: Type.Array(HistoryEvent),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ChainVerification = Type.Object({
  valid: Type.Boolean(),
  events: Type.Integer({ minimum: 0, description: 'how many events the chain holds' }),
  brokenAt: Type.Union([
    Type.Null(),
    Type.Object({
      seq: Type.Integer({ minimum: 0 }),
      reason: Type.Enum(BREAK_REASONS),
      detail: Type.String(),
    }),
  ]),
});

export const ExportQuery = Type.Object(
  {
    division: Type.Optional(DivisionCode),
    from: Instant,
    to: Instant,
    format: Type.Optional(Type.Enum(['ndjson', 'csv'], { default: 'ndjson' })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const NdjsonExport = Type.String({
  description:
    'one event per line: {chainId, seq, at, actor, action, data, workflowId, runId, prevHash, hash}, everything its hash covers',
});
export const CsvExport = Type.String({
  description:
    'UTF-8 with a BOM; header chain_id,seq,at,actor_sub,actor_role,actor_org,actor_division,action,data,prev_hash,hash; RFC 4180 quoting, CRLF line ends; data is the event data as JSON',
});
