import type { PaymentGateway } from '../../activities/payments/gateway.js';
import { createHttpGateway } from '../../activities/payments/httpGateway.js';
import { createManualGateway } from '../../activities/payments/manualGateway.js';
import type { Config } from './config.js';

/** Manual (finance confirms with a voucher number) unless a payment service is configured. */
export function paymentGateway(config: Config): PaymentGateway {
  return config.paymentGateway === 'http'
    ? createHttpGateway({ baseUrl: config.paymentServiceUrl! })
    : createManualGateway();
}
