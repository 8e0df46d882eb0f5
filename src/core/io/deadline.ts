/**
 * `work`, or `onTimeout()` once `ms` pass (its throw rejects). The work is not cancelled: callers
 * use this where the underlying call cannot be (keytar's worker thread, a D-Bus prompt), and its
 * late answer is ignored. A rejection always carries an Error.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
