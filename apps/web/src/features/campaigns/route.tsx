import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '@/app/app-route.tsx';

// The status filter lives in the URL, so a filtered list can be linked to and survives going back.
// The page checks it against the statuses (the domain's list stays out of the first chunk).
export type CampaignsSearch = { status?: string };

export const parseCampaignsSearch = (search: Record<string, unknown>): CampaignsSearch =>
  typeof search.status === 'string' && search.status !== '' ? { status: search.status } : {};

export const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns',
  validateSearch: parseCampaignsSearch,
  component: lazyRouteComponent(() => import('./index.tsx'), 'CampaignsPage'),
});
