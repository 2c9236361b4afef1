/**
 * For the hang regressions: a promise that must settle (resolve or reject) within a deadline far
 * above its normal time; a hang fails the test with one line instead of jest's own timeout.
 */
const DEADLINE_MS = 20_000;

export function settlesInTime<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the parse did not settle in time')), DEADLINE_MS);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
