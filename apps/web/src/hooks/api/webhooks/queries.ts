import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api.ts';
import { unwrap } from '@/lib/api-error.ts';
import type { DeliveryQuery } from './types.ts';

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (id: string, query: DeliveryQuery) => [...webhookKeys.all, 'deliveries', id, query] as const,
};

export const webhooksQuery = () =>
  queryOptions({ queryKey: webhookKeys.list(), queryFn: () => unwrap(api.GET('/v1/webhooks')) });

// Deliveries arrive while the page is open (a campaign runs elsewhere): the newest are polled.
export const DELIVERY_POLL_MS = 5_000;
export const deliveriesQuery = (id: string, query: DeliveryQuery = { limit: 10 }) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(id, query),
    queryFn: () => unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id }, query } })),
    refetchInterval: DELIVERY_POLL_MS,
  });

export const useWebhooks = () => useQuery(webhooksQuery());
export const useDeliveries = (id: string, query?: DeliveryQuery) => useQuery(deliveriesQuery(id, query));
