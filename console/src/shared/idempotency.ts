// An Idempotency-Key for one intended action: made when its form opens (or its batch starts) and
// sent with every try, so a double click or a retry after a timeout acts once. getRandomValues,
// not randomUUID, because an office intranet may serve the console over plain HTTP, where
// randomUUID does not exist.
export function newIdempotencyKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
