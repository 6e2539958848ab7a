// The 64-bit id type and its rules, in one place: ids are canonical decimal strings on the way in
// and out, BigInt in between, and never a JavaScript number (snowflakes are ~2^62).

/** A uint64 id as a canonical decimal string ("0" when absent). */
export type Id = string;

export const MAX_UINT64 = 2n ** 64n - 1n;
/** msg ids and row ids: signed BIGINT on both databases. */
export const MAX_INT64 = 2n ** 63n - 1n;

const CANONICAL = /^(0|[1-9][0-9]{0,19})$/;

/** Canonical decimal uint64: no sign, no leading zeros, no spaces ('007' would be another key). */
export function isCanonicalId(s: string): boolean {
  return CANONICAL.test(s) && BigInt(s) <= MAX_UINT64;
}

/** A canonical uint64 above zero (e.g. a JWT `sub`). */
export function isUserId(s: unknown): s is Id {
  return typeof s === 'string' && s !== '0' && isCanonicalId(s);
}

/** The id as a BigInt within [0, max], or a RangeError naming `what`. */
export function parseId(id: Id, max: bigint, what: string): bigint {
  const value = CANONICAL.test(id) ? BigInt(id) : -1n;
  if (value < 0n || value > max) throw new RangeError(`${what} must be a decimal integer in [0, ${max}], got ${JSON.stringify(id)}`);
  return value;
}

/** Orders ids as 64-bit integers. */
export function compareIds(a: Id, b: Id): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function maxId(a: Id, b: Id): Id {
  return compareIds(a, b) >= 0 ? a : b;
}
