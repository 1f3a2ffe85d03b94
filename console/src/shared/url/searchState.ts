// Filters live in the URL (a link can be shared, the back button restores them): a typed view of
// the search parameters through a feature's own parse and its writer.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SearchValues = Record<string, string | undefined>;

export function useSearchState<T extends SearchValues>(
  parse: (params: URLSearchParams) => T,
): [T, (next: Partial<T>) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const value = useMemo(() => parse(params), [params, parse]);
  const update = useCallback(
    (next: Partial<T>) =>
      setParams((current) => {
        const merged = new URLSearchParams(current);
        for (const [key, v] of Object.entries(next) as Array<[string, string | undefined]>) {
          if (v === undefined || v === '') merged.delete(key);
          else merged.set(key, v);
        }
        return merged;
      }),
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return [value, update, reset];
}

/** The value if it is one of `allowed`, else undefined (a hand-edited URL cannot send a bad filter). */
export function oneOf<const V extends string>(allowed: readonly V[], value: string | null): V | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as V) : undefined;
}
