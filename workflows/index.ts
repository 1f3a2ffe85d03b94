// The workflow bundle's entry: every workflow type the worker runs.
export { caseWorkflow } from './case/workflow.js';
export { auditAnchorWorkflow } from './audit/anchorWorkflow.js';
export { webhookDeliveryWorkflow } from './webhooks/deliveryWorkflow.js';
export { emailDigestWorkflow } from './digest/digestWorkflow.js';
