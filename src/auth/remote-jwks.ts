// A JWKS served over HTTP, as identity providers publish their signing keys. jose's remote set
// does the fetching, the kid lookup and the refetch on an unknown kid (rate-limited by its
// cooldown); this adds what a gateway needs on top: logins never wait for a routine refresh, and
// a failed fetch keeps the last good set instead of failing every login until the URL is back.
import { createRemoteJWKSet, errors, type JWTHeaderParameters } from 'jose';
import { KeysUnavailableError, type VerifyKey } from './jwt.js';

export interface RemoteJwksOptions {
  /** Fetched again this long after the previous attempt, in the background, ms. */
  refreshMs: number;
  /** An unknown kid fetches again at most this often, ms. */
  cooldownMs: number;
  /** A fetch failed; the set in use stays. */
  onError: (err: Error) => void;
  /** Limit for one fetch, ms. */
  timeoutMs?: number;
  now?: () => number;
}

export class RemoteJwks {
  private readonly set: ReturnType<typeof createRemoteJWKSet>;
  private readonly now: () => number;
  private lastAttemptMs = Number.NEGATIVE_INFINITY;

  constructor(readonly url: URL, private readonly options: RemoteJwksOptions) {
    this.now = options.now ?? Date.now;
    // Never stale by age inside jose: the refresh below decides when to fetch, off the login path.
    this.set = createRemoteJWKSet(url, {
      cacheMaxAge: Number.POSITIVE_INFINITY,
      cooldownDuration: options.cooldownMs,
      timeoutDuration: options.timeoutMs ?? 5000,
    });
  }

  /** Fetches now; resolves false (reported through onError) when it failed. */
  async refresh(): Promise<boolean> {
    this.lastAttemptMs = this.now();
    try {
      await this.set.reload();
      return true;
    } catch (err) {
      this.options.onError(err as Error);
      return false;
    }
  }

  /** A jose-style key lookup: throws JWKSNoMatchingKey for an unknown kid, KeysUnavailableError without a set. */
  readonly getKey = async (header: JWTHeaderParameters): Promise<VerifyKey> => {
    const since = this.now() - this.lastAttemptMs;
    if (this.set.jwks() === undefined) {
      // Never fetched successfully: try again, but not once per login while the URL is down.
      if (since < this.options.cooldownMs || !(await this.refresh())) throw new KeysUnavailableError(`JWKS ${this.url.href} not available`);
    } else if (since >= this.options.refreshMs && !this.set.reloading) {
      void this.refresh();
    }
    try {
      return await this.set(header);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err;
      // The refetch for an unknown kid failed (unreachable, not 200, not a JWKS): the key may well exist.
      this.options.onError(err as Error);
      throw new KeysUnavailableError(`JWKS ${this.url.href} not available`);
    }
  };
}
