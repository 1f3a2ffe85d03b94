import type { PaymentGateway, PaymentOrder, PaymentOutcome } from './gateway.js';

/**
 * Finance pays through the treasury system by hand, so nothing is sent anywhere here: the
 * workflow is told to wait for a voucher number. Calling it again for the same key is
 * harmless because it has no side effect to repeat.
 */
export function createManualGateway(): PaymentGateway {
  return {
    kind: 'manual',
    async pay(_order: PaymentOrder): Promise<PaymentOutcome> {
      return { status: 'awaiting_confirmation' };
    },
  };
}
