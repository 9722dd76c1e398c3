/**
 * Runs `work` over `items` with at most `limit` in flight, keeping the order of `items`.
 * Quo allows 10 requests per second per key; a tool that fans out stays well below that so
 * the gateway's limiter never queues one call's burst in front of everything else.
 */
export async function fanOut<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** How many requests one tool call keeps in flight when it fans out. */
export const FAN_OUT = 4;
