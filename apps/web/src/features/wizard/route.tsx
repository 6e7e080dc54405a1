import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '@/app/app-route.tsx';

export type WizardSearch = { from?: string; statuses?: string };

// `/campaigns/new`, or call-again mode: `/campaigns/new?from=<id>&statuses=failed,no_result`
// (statuses also accepted as a list).
export const wizardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/new',
  validateSearch: (search: Record<string, unknown>): WizardSearch => ({
    from: typeof search.from === 'string' && search.from !== '' ? search.from : undefined,
    statuses: Array.isArray(search.statuses) ? search.statuses.join(',') : typeof search.statuses === 'string' ? search.statuses : undefined,
  }),
  component: lazyRouteComponent(() => import('./index.tsx'), 'WizardPage'),
});
