/**
 * A module loaded on a function's first call and kept: registering the app's functions must not
 * load the mail parser, the sanitiser and the Azure and Graph SDKs behind them (they took 650 ms
 * and more of a cold start before the first request was answered). A failed load is retried on
 * the next call rather than kept.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
