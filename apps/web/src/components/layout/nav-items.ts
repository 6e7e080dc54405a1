import type { LinkProps } from '@tanstack/react-router';
import { Ban, KeyRound, Layers, Megaphone, Webhook, type LucideIcon } from 'lucide-react';

// The console's sections, in menu order. `href` entries are pages the API serves (full page loads).
export type NavItem = { label: string; icon: LucideIcon; adminOnly?: boolean } & ({ to: LinkProps['to'] } | { href: string });

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/campaigns', label: 'nav.campaigns', icon: Megaphone },
  { to: '/do-not-call', label: 'nav.suppressions', icon: Ban },
  { to: '/webhooks', label: 'nav.webhooks', icon: Webhook },
  { to: '/api-keys', label: 'nav.apiKeys', icon: KeyRound, adminOnly: true },
  { href: '/admin/queues', label: 'nav.bullBoard', icon: Layers, adminOnly: true },
];

export const visibleNavItems = (admin: boolean) => NAV_ITEMS.filter((item) => admin || !item.adminOnly);
