import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './app-header.tsx';

export function AppShell() {
  const { t } = useTranslation();
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-card px-3 py-2 text-sm shadow focus:not-sr-only focus:absolute focus:left-4 focus:top-3"
      >
        {t('skipToContent')}
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-8 outline-none sm:px-6">
        <Outlet />
      </main>
    </div>
  );
}
