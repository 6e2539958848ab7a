// node:crypto as the client SDK uses it (randomUUID for client_msg_ids), for the browser bundle.

/**
 * Browsers have crypto.randomUUID only in secure contexts (https, localhost); a page opened over
 * plain http from another host still has getRandomValues, which makes the same version-4 UUID.
 */
export function randomUUID(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
