import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '@/app/app-route.tsx';

export const suppressionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/do-not-call',
  component: lazyRouteComponent(() => import('./index.tsx'), 'SuppressionsPage'),
});
