import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_STATUSES } from '@autocall/domain/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { Pagination } from '@/components/ui/pagination.tsx';
import { useCampaigns } from '@/hooks/api/campaigns/queries.ts';
import { CampaignCards } from './components/campaign-cards.tsx';
import { CampaignsSkeleton } from './components/campaigns-skeleton.tsx';
import { CampaignsTable } from './components/campaigns-table.tsx';
import { CampaignsEmptyState } from './components/empty-state.tsx';
import { StatusFilter } from './components/status-filter.tsx';
import { useCursorPages } from './use-cursor-pages.ts';

export const CAMPAIGNS_PAGE_SIZE = 20;

export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const search = useSearch({ from: '/app/campaigns' });
  const status = CAMPAIGN_STATUSES.find((s) => s === search.status);
  const navigate = useNavigate({ from: '/campaigns' });
  const pages = useCursorPages(status ?? '');
  // One page from the server at a time, newest first: the list never holds every campaign.
  const campaigns = useCampaigns({ limit: CAMPAIGNS_PAGE_SIZE, ...(status ? { status } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) });
  const items = campaigns.data?.items ?? [];
  const nextCursor = campaigns.data?.nextCursor ?? null;

  return (
    <div className="grid gap-6">
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          <Button asChild>
            <Link to="/campaigns/new">
              <Plus aria-hidden />
              {t('new')}
            </Link>
          </Button>
        }
      />
      {campaigns.isSuccess && items.length === 0 && !status && !pages.hasPrevious ? (
        <CampaignsEmptyState />
      ) : (
        <section aria-labelledby="campaigns-list" aria-busy={campaigns.isPending} className="grid gap-4">
          <h2 id="campaigns-list" className="sr-only">
            {t('tableLabel')}
          </h2>
          <StatusFilter value={status} onChange={(next) => void navigate({ search: next ? { status: next } : {} })} />
          {campaigns.isError && <ApiErrorAlert error={campaigns.error} />}
          {campaigns.isPending && <CampaignsSkeleton />}
          {campaigns.isSuccess && items.length === 0 && <p className="rounded-xl border bg-card p-6 text-sm text-muted-foreground">{t('emptyFiltered')}</p>}
          {items.length > 0 && (
            <>
              <div className="hidden md:block">
                <CampaignsTable campaigns={items} labelledBy="campaigns-list" />
              </div>
              <div className="md:hidden">
                <CampaignCards campaigns={items} />
              </div>
            </>
          )}
          {(pages.hasPrevious || nextCursor) && (
            <Pagination
              hasPrevious={pages.hasPrevious}
              hasNext={nextCursor !== null}
              onPrevious={pages.previous}
              onNext={() => nextCursor && pages.next(nextCursor)}
              summary={t('page', { page: pages.page })}
            />
          )}
        </section>
      )}
    </div>
  );
}
