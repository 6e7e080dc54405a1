import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '@/app/app-route.tsx';

export const campaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/$id',
  component: lazyRouteComponent(() => import('./index.tsx'), 'CampaignPage'),
});
