import type { QueryClient } from '@tanstack/react-query';
import { createRouter, type RouterHistory } from '@tanstack/react-router';
import { apiKeysRoute } from '@/features/api-keys/route.tsx';
import { campaignRoute } from '@/features/campaign/route.tsx';
import { campaignsRoute } from '@/features/campaigns/route.tsx';
import { suppressionsRoute } from '@/features/suppressions/route.tsx';
import { webhooksRoute } from '@/features/webhooks/route.tsx';
import { wizardRoute } from '@/features/wizard/route.tsx';
import { appRoute } from './app-route.tsx';
import { indexRoute, signInRoute } from './public-routes.tsx';
import { rootRoute } from './root-route.tsx';

// The whole route tree in one place. A feature defines its routes in features/<area>/route.tsx
// and adds them here, under appRoute (signed in) or rootRoute (public).
const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  appRoute.addChildren([campaignsRoute, wizardRoute, campaignRoute, suppressionsRoute, webhooksRoute, apiKeysRoute]),
]);

// `history` is the browser's by default; component tests pass a memory history.
export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({ routeTree, history, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
