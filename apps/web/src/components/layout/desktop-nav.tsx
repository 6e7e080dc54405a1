import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/utils.ts';
import type { NavItem } from './nav-items.ts';

const linkClass =
  'inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground [&_svg]:size-4';

export function DesktopNav({ items, className }: { items: readonly NavItem[]; className?: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className={className}>
      <ul className="flex items-center gap-1">
        {items.map((item) => (
          <li key={item.label}>
            {'to' in item ? (
              <Link to={item.to} className={linkClass} activeProps={{ className: cn(linkClass, 'bg-accent text-accent-foreground'), 'aria-current': 'page' }}>
                <item.icon aria-hidden />
                {t(item.label)}
              </Link>
            ) : (
              <a href={item.href} className={linkClass} target="_blank" rel="noreferrer">
                <item.icon aria-hidden />
                {t(item.label)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
