// The policy versions (durations, task plans, destitute criteria) of the caller's division and the
// divisions above it, read-only: new versions come through migrations, never through the API.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { errorResponses } from '../schemas/common.js';
import { PolicyList } from '../schemas/policies.js';
import { listPolicies } from '../services/policies.js';

export const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/policies',
    {
      schema: {
        operationId: 'listPolicies',
        tags: ['policy'],
        summary: 'the policy versions of your division and those above it, and which is in force (read-only)',
        description:
          'For each policy (durations, task_plan, destitute_criteria) every version of your division and the divisions above it, latest first. ' +
          'inForce marks the latest version of its division that has begun; applies marks the one cases of your division use today ' +
          '(the nearest division with a version in force). For admin, civil_affairs and auditor.',
        response: { 200: PolicyList, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'policies.read'))
        throw forbidden(`role ${request.principal.role} does not read policies`);
      return listPolicies(app.db, request.principal);
    },
  );
};
