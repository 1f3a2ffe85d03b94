// What people do to a case. Each route checks the caller reaches the case, then sends the action
// to the case's workflow as an Update and answers with the case as it now stands.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Permission, type Principal, hasPermission } from '../../domain/access.js';
import {
  approveDisbursementUpdate,
  confirmDisbursementUpdate,
  reviewProposalUpdate,
  submitAssessmentUpdate,
  submitProposalUpdate,
  withdrawCaseUpdate,
} from '../../workflows/case/definitions.js';
import { forbidden } from '../errors.js';
import {
  AssessmentBody,
  ConfirmBody,
  CorrectionBody,
  EmptyBody,
  ProposalBody,
  ReviewBody,
  WithdrawBody,
} from '../schemas/actions.js';
import { CaseParams, CaseView } from '../schemas/cases.js';
import { errorResponses } from '../schemas/common.js';
import { actOnCase, correctCase } from '../services/caseActions.js';
import { idempotencyKey, updateIdFor } from '../services/caseUpdate.js';
import { readCase } from '../services/caseViews.js';

const responses = { 200: CaseView, ...errorResponses };

export const caseActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** 403 before anything else when the role may never do this; the workflow checks the rest. */
  const requirePermission = (principal: Principal, permission: Permission, who: string) => {
    if (!hasPermission(principal, permission)) throw forbidden(`only ${who} may do this`);
  };

  app.post(
    '/v1/cases/:caseId/assessment',
    {
      schema: {
        operationId: 'submitAssessment',
        tags: ['case actions'],
        summary: "submit the assessment (institution); answers with the rules' recommendation",
        params: CaseParams,
        body: AssessmentBody,
        response: responses,
      },
    },
    async (request) => {
      requirePermission(request.principal, 'case.assess', 'the institution');
      await actOnCase(
        app.db,
        app.temporal,
        request.principal,
        request.params.caseId,
        submitAssessmentUpdate,
        { assessment: request.body },
        updateIdFor(request.principal, idempotencyKey(request), 'assess'),
      );
      return readCase(app.db, request.principal, request.params.caseId, request.id);
    },
  );

  app.post(
    '/v1/cases/:caseId/proposal',
    {
      schema: {
        operationId: 'submitProposal',
        tags: ['case actions'],
        summary: 'propose a pathway (institution); a reason is required when it differs from the recommendation',
        params: CaseParams,
        body: ProposalBody,
        response: responses,
      },
    },
    async (request) => {
      requirePermission(request.principal, 'case.propose', 'the institution');
      await actOnCase(
        app.db,
        app.temporal,
        request.principal,
        request.params.caseId,
        submitProposalUpdate,
        { pathway: request.body.pathway, reason: request.body.reason ?? null },
        updateIdFor(request.principal, idempotencyKey(request), 'propose'),
      );
      return readCase(app.db, request.principal, request.params.caseId, request.id);
    },
  );

  app.post(
    '/v1/cases/:caseId/review',
    {
      schema: {
        operationId: 'reviewProposal',
        tags: ['case actions'],
        summary: 'approve, reject (back to assessment) or return the proposal (civil affairs)',
        params: CaseParams,
        body: ReviewBody,
        response: responses,
      },
    },
    async (request) => {
      requirePermission(request.principal, 'case.review', 'civil affairs');
      await actOnCase(
        app.db,
        app.temporal,
        request.principal,
        request.params.caseId,
        reviewProposalUpdate,
        request.body,
        updateIdFor(request.principal, idempotencyKey(request), 'review'),
      );
      return readCase(app.db, request.principal, request.params.caseId, request.id);
    },
  );

  app.post(
    '/v1/cases/:caseId/disbursement/approve',
    {
      schema: {
        operationId: 'approveDisbursement',
        tags: ['case actions'],
        summary: 'approve the computed subsidy for payment (finance)',
        params: CaseParams,
        body: EmptyBody,
        response: responses,
      },
    },
    async (request) => {
      requirePermission(request.principal, 'disbursement.approve', 'finance');
      await actOnCase(
        app.db,
        app.temporal,
        request.principal,
        request.params.caseId,
        approveDisbursementUpdate,
        {},
        updateIdFor(request.principal, idempotencyKey(request), 'approve'),
      );
      return readCase(app.db, request.principal, request.params.caseId, request.id);
    },
  );

  app.post(
    '/v1/cases/:caseId/disbursement/confirm',
    {
      schema: {
        operationId: 'confirmDisbursement',
        tags: ['case actions'],
        summary: 'confirm a payment made by hand, with its voucher number (finance)',
        params: CaseParams,
        body: ConfirmBody,
        response: responses,
      },
    },
    async (request) => {
      requirePermission(request.principal, 'disbursement.confirm', 'finance');
      await actOnCase(
        app.db,
        app.temporal,
        request.principal,
        request.params.caseId,
        confirmDisbursementUpdate,
        request.body,
        updateIdFor(request.principal, idempotencyKey(request), 'confirm'),
      );
      return readCase(app.db, request.principal, request.params.caseId, request.id);
    },
  );

  app.patch(
    '/v1/cases/:caseId',
    {
      schema: {
        operationId: 'correctCase',
        tags: ['case actions'],
        summary: 'correct case data with a reason (institution, civil affairs)',
        description:
          'A change of disability, illness, household registration or education after the assessment sends the case back to assessment. A change of division moves the case and its open tasks.',
        params: CaseParams,
        body: CorrectionBody,
        response: responses,
      },
    },
    async (request) => {
      requirePermission(request.principal, 'case.correct', 'the institution or civil affairs');
      await correctCase(
        app.db,
        app.temporal,
        request.principal,
        request.params.caseId,
        request.body,
        updateIdFor(request.principal, idempotencyKey(request), 'correct'),
      );
      return readCase(app.db, request.principal, request.params.caseId, request.id);
    },
  );

  app.post(
    '/v1/cases/:caseId/withdraw',
    {
      schema: {
        operationId: 'withdrawCase',
        tags: ['case actions'],
        summary: 'withdraw the case (adopted, deceased, moved, declined); open tasks are cancelled',
        params: CaseParams,
        body: WithdrawBody,
        response: responses,
      },
    },
    async (request) => {
      requirePermission(request.principal, 'case.withdraw', 'the institution or civil affairs');
      await actOnCase(
        app.db,
        app.temporal,
        request.principal,
        request.params.caseId,
        withdrawCaseUpdate,
        request.body,
        updateIdFor(request.principal, idempotencyKey(request), 'withdraw'),
      );
      return readCase(app.db, request.principal, request.params.caseId, request.id);
    },
  );
};
