/**
 * A function that computes each key's value once: later calls with the same key get the first
 * call's value (for a promise, the same promise, so concurrent callers share one request).
 */
export function once<K, V>(compute: (key: K) => V): (key: K) => V {
  const values = new Map<K, V>();
  return (key) => {
    if (values.has(key)) return values.get(key) as V;
    const value = compute(key);
    values.set(key, value);
    return value;
  };
}
