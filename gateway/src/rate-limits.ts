import type { IncomingMessage } from 'node:http';
import type { Refusal } from '@verbatim/kit';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Caller } from './caller.js';

export interface RateLimitSettings {
  /** GraphQL requests per window from one network address. */
  perAddress: number;
  /** GraphQL requests per window from one API client, whatever its address. */
  perClient: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in this process's memory (rate-limiter-flexible): one gateway process, so no
 * shared store is needed; several replicas would each allow the limit (swap in its Redis limiter then).
 * Every request counts against its address; an API client's also against the client.
 */
export function createRateLimits(settings: RateLimitSettings) {
  const byAddress = new RateLimiterMemory({ keyPrefix: 'address', points: settings.perAddress, duration: settings.windowSeconds });
  const byClient = new RateLimiterMemory({ keyPrefix: 'client', points: settings.perClient, duration: settings.windowSeconds });
  const refusal = (limited: RateLimiterRes, what: string): Refusal => {
    const seconds = Math.max(1, Math.ceil(limited.msBeforeNext / 1000));
    return {
      status: 429,
      headers: { 'retry-after': String(seconds) },
      code: 'RATE_LIMITED',
      message: `Too many requests from this ${what}: try again in ${seconds} s (see the Retry-After header).`,
    };
  };
  const take = async (limiter: RateLimiterMemory, key: string): Promise<RateLimiterRes | undefined> => {
    try {
      await limiter.consume(key);
      return undefined;
    } catch (rejected) {
      if (rejected instanceof RateLimiterRes) return rejected;
      throw rejected;
    }
  };
  return async (req: IncomingMessage, caller: Caller): Promise<Refusal | undefined> => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const limitedAddress = await take(byAddress, address);
    if (limitedAddress) return refusal(limitedAddress, 'address');
    if (caller.kind !== 'client') return undefined;
    const limitedClient = await take(byClient, caller.clientId);
    return limitedClient ? refusal(limitedClient, 'API client') : undefined;
  };
}
