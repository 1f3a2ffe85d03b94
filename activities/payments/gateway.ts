// The one contract the payment activity depends on. Both gateways promise the same thing:
// calling pay() twice with the same idempotencyKey moves money at most once, so the
// activity may be retried freely as long as it reuses the key it was first given.

export interface PaymentAccount {
  bank: string;
  accountNo: string;
  holder: string;
}

export interface PaymentOrder {
  idempotencyKey: string;
  caseId: string;
  /** Integer fen; never a float yuan amount, so rounding cannot change what is paid. */
  amountFen: number;
  account: PaymentAccount;
}

export type PaymentOutcome =
  /** The bank accepted and executed the transfer. */
  | { status: 'paid'; bankReference: string }
  /** Definitive (e.g. the account does not exist): only a corrected account, under a new key, can succeed. */
  | { status: 'rejected'; reason: string }
  /** Manual gateway: finance pays by hand and later confirms with a voucher number. */
  | { status: 'awaiting_confirmation' };

export interface PaymentGateway {
  readonly kind: 'manual' | 'http';
  pay(order: PaymentOrder): Promise<PaymentOutcome>;
}

/**
 * Transient and ambiguous failures (timeout, connection refused, 5xx, a malformed answer).
 * The money may or may not have moved, so the caller must retry with the SAME idempotency key
 * and let the bank tell it which; a fresh key here is how double payments happen.
 */
export class PaymentUnavailableError extends Error {
  override name = 'PaymentUnavailableError';
}
