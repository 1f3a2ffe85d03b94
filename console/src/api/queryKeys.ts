// The query keys of every API read, in one place: openapi-react-query keys a query by
// [method, path, init], so invalidating everything under a path after an action is one line:
// `queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases/{caseId}') })`.
import type { paths } from './schema';

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];

export const queryKeys = {
  /** Every cached read of this path, whatever its parameters. */
  path: (path: GetPath) => ['get', path] as const,
  /** Everything: after sign-in as someone else, or sign-out. */
  all: () => ['get'] as const,
};
