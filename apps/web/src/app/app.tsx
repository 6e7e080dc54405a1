import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, type RouterHistory } from '@tanstack/react-router';
import type { i18n as I18n } from 'i18next';
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { clearApiKey } from '@/lib/session.ts';
import { followSystemTheme } from '@/lib/theme.ts';
import { createQueryClient } from './query-client.ts';
import { createAppRouter } from './router.tsx';

export function App({ i18n, history }: { i18n: I18n; history?: RouterHistory }) {
  const [{ queryClient, router }] = useState(() => {
    const client = createQueryClient(() => {
      clearApiKey();
      client.clear();
      void appRouter.navigate({ to: '/sign-in' });
    });
    const appRouter = createAppRouter(client, history);
    return { queryClient: client, router: appRouter };
  });
  useEffect(followSystemTheme, []);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
