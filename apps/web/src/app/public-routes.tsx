import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { isSignedIn } from '@/lib/session.ts';
import { rootRoute } from './root-route.tsx';

export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: isSignedIn() ? '/campaigns' : '/sign-in' });
  },
});

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  beforeLoad: () => {
    if (isSignedIn()) throw redirect({ to: '/campaigns' });
  },
  component: lazyRouteComponent(() => import('@/features/sign-in/index.tsx'), 'SignInPage'),
});
