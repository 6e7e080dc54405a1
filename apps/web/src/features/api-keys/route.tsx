import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, requireAdmin } from '@/app/app-route.tsx';

export const apiKeysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/api-keys',
  beforeLoad: requireAdmin,
  component: lazyRouteComponent(() => import('./index.tsx'), 'ApiKeysPage'),
});
