// The worker's activities, built from their dependencies so tests can inject their own.
import type { Db } from '../db/database.js';
import { createRecordActivities } from './caseRecords.js';
import { createDisbursementActivities } from './disbursement.js';
import type { PaymentGateway } from './payments/gateway.js';
import { createPolicyActivities } from './policyActivities.js';
import type { CaseActivities } from './types.js';

export interface ActivityDeps {
  db: Db;
  payments: PaymentGateway;
}

export function createActivities({ db, payments }: ActivityDeps): CaseActivities {
  return {
    ...createPolicyActivities(db),
    ...createRecordActivities(db),
    ...createDisbursementActivities(db, payments),
  };
}
