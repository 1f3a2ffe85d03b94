// 批量导入 (cases/import): loaded when first opened, in its own chunk.
import type { RouteObject } from 'react-router';

export const caseImportRoutes: RouteObject[] = [
  { path: 'cases/import', lazy: async () => ({ Component: (await import('./components/ImportPage')).ImportPage }) },
];
