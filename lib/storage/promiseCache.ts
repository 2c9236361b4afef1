/**
 * A promise made once per key and shared by every caller while it runs or after it succeeded;
 * a failed one is forgotten, so the next caller tries again (a container or key that could not
 * be opened during an outage must not stay broken for the life of the process).
 */
export function sharedUntilFailure<K, V>(
  cache: Map<K, Promise<V>>,
  key: K,
  make: () => Promise<V>,
): Promise<V> {
  let promise = cache.get(key);
  if (!promise) {
    promise = make().catch((err: unknown) => {
      cache.delete(key);
      throw err;
    });
    cache.set(key, promise);
  }
  return promise;
}
