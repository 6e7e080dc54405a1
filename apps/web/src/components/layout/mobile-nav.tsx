import { Link } from '@tanstack/react-router';
import { LogOut, Menu } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu.tsx';
import type { NavItem } from './nav-items.ts';

// Below the md breakpoint the sections and sign-out fold into one "Menu" button (arrow keys move
// through it, Escape closes it).
export function MobileNav({ items, onSignOut, className }: { items: readonly NavItem[]; onSignOut: () => void; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label={t('nav.menu')}>
            <Menu aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-60">
          {items.map((item) => (
            <DropdownMenuItem key={item.label} asChild>
              {'to' in item ? (
                <Link to={item.to}>
                  <item.icon aria-hidden />
                  {t(item.label)}
                </Link>
              ) : (
                <a href={item.href} target="_blank" rel="noreferrer">
                  <item.icon aria-hidden />
                  {t(item.label)}
                </a>
              )}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={onSignOut}>
            <LogOut aria-hidden />
            {t('signOut')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
