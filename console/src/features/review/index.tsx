// 待审核 (reviews) and the review screen (reviews/:caseId), loaded when first opened.
import type { RouteObject } from 'react-router';

export const reviewRoutes: RouteObject[] = [
  {
    path: 'reviews',
    lazy: async () => ({ Component: (await import('./components/ReviewQueuePage')).ReviewQueuePage }),
  },
  {
    path: 'reviews/:caseId',
    lazy: async () => ({ Component: (await import('./components/ReviewPage')).ReviewPage }),
  },
];
