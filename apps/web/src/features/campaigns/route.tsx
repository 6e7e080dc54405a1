import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '@autocall/domain/schemas';
import { appRoute } from '@/app/app-route.tsx';

export type CampaignsSearch = { status?: CampaignStatus };

// The status filter lives in the URL, so a filtered list can be linked to and survives going back.
export function parseCampaignsSearch(search: Record<string, unknown>): CampaignsSearch {
  const status = CAMPAIGN_STATUSES.find((s) => s === search.status);
  return status ? { status } : {};
}

export const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns',
  validateSearch: parseCampaignsSearch,
  component: lazyRouteComponent(() => import('./index.tsx'), 'CampaignsPage'),
});
