import { createRoute, redirect } from '@tanstack/react-router';
import { AppShell } from '@/components/layout/app-shell.tsx';
import { meQuery } from '@/hooks/api/me/queries.ts';
import { isApiError } from '@/lib/api-error.ts';
import { clearApiKey, isSignedIn } from '@/lib/session.ts';
import { rootRoute, type RouterContext } from './root-route.tsx';

// The signed-in part of the console: every feature route hangs under this one
// (`getParentRoute: () => appRoute`), so it is guarded and drawn inside the shell.
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppShell,
  beforeLoad: async ({ context }) => {
    if (!isSignedIn()) throw redirect({ to: '/sign-in' });
    try {
      await context.queryClient.ensureQueryData(meQuery());
    } catch (error) {
      // A key revoked since sign-in: forget it and ask again.
      if (isApiError(error) && error.statusCode === 401) {
        clearApiKey();
        throw redirect({ to: '/sign-in' });
      }
      throw error;
    }
  },
});

// For admin-only pages: `beforeLoad: requireAdmin`.
export async function requireAdmin({ context }: { context: RouterContext }) {
  const me = await context.queryClient.ensureQueryData(meQuery());
  if (!me.admin) throw redirect({ to: '/campaigns' });
}
