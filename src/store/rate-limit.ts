/** A per-key sliding-window limit: at most `limit` events in any `windowMs`. */
export type RateLimiter = { allow(key: string, now: number): boolean };

/** Builds a limiter; keys idle for a whole window are forgotten so memory stays bounded. */
export function createRateLimiter(limit: number, windowMs = 60_000): RateLimiter {
  const hits = new Map<string, number[]>();
  let lastPrune = 0;
  return {
    allow(key, now) {
      if (now - lastPrune > windowMs) {
        for (const [k, times] of hits) if ((times.at(-1) ?? 0) <= now - windowMs) hits.delete(k);
        lastPrune = now;
      }
      const recent = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return false;
      }
      recent.push(now);
      hits.set(key, recent);
      return true;
    },
  };
}
