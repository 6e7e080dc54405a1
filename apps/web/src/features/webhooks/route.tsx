import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '@/app/app-route.tsx';

export const webhooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/webhooks',
  component: lazyRouteComponent(() => import('./index.tsx'), 'WebhooksPage'),
});
