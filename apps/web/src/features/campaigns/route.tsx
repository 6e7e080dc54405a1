import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '@/app/app-route.tsx';

export const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns',
  component: lazyRouteComponent(() => import('./index.tsx'), 'CampaignsPage'),
});
