import { Link } from '@tanstack/react-router';
import { LogOut } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { useMe } from '@/hooks/api/me/queries.ts';
import { useSignOut } from '@/hooks/use-sign-out.ts';
import { Brand } from './brand.tsx';
import { DesktopNav } from './desktop-nav.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { MobileNav } from './mobile-nav.tsx';
import { visibleNavItems } from './nav-items.ts';
import { ThemeSwitch } from './theme-switch.tsx';

export function AppHeader() {
  const { t } = useTranslation();
  const me = useMe().data;
  const signOut = useSignOut();
  const items = visibleNavItems(me?.admin ?? false);
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-4 px-4 sm:px-6">
        <Link to="/campaigns" className="rounded-md">
          <Brand />
        </Link>
        <DesktopNav items={items} className="hidden lg:block" />
        <div className="ml-auto flex items-center gap-1">
          {me && (
            <span className="mr-2 hidden max-w-48 truncate text-sm text-muted-foreground 2xl:inline">{t('signedInAs', { name: me.name })}</span>
          )}
          <LanguageSwitch />
          <ThemeSwitch />
          <Button variant="ghost" className="hidden lg:inline-flex" onClick={signOut}>
            <LogOut aria-hidden />
            {t('signOut')}
          </Button>
          <MobileNav items={items} onSignOut={signOut} className="lg:hidden" />
        </div>
      </div>
    </header>
  );
}
