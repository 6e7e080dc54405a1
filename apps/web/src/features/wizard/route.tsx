import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '@/app/app-route.tsx';

export const wizardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/new',
  component: lazyRouteComponent(() => import('./index.tsx'), 'WizardPage'),
});
