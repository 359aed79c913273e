/** Epoch-ms clock the fake reads for timestamps, deadlines and ids; tests may pass their own to move time. */
export type Clock = () => number;

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Returns a generator of Discord snowflakes taken from `clock`: 18-19 digits, increasing, so @discordjs/rest's
 * route bucketing (which looks for 17-19 digit ids) treats them as real ids.
 */
export function createSnowflakes(clock: Clock): () => string {
  let last = 0n;
  return () => {
    const fromTime = (BigInt(Math.floor(clock())) - DISCORD_EPOCH) << 22n;
    last = fromTime > last ? fromTime : last + 1n;
    return last.toString();
  };
}
