import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignListItem } from '@/hooks/api/campaigns/types.ts';
import { useCampaignCells } from './campaign-cells.ts';
import { CampaignProgress } from './campaign-progress.tsx';
import { CampaignStatusBadge } from './status-badge.tsx';

// The list on phones: one card per campaign, the same facts as the table's row.
export function CampaignCards({ campaigns }: { campaigns: CampaignListItem[] }) {
  const { t } = useTranslation('campaigns');
  const cells = useCampaignCells();
  return (
    <ul aria-label={t('tableLabel')} className="grid gap-3">
      {campaigns.map((campaign) => {
        const c = cells(campaign);
        const facts = [
          [t('columns.answerRate'), c.answerRate],
          [t('columns.nextBatch'), c.nextBatch],
          [t('columns.finish'), c.finish],
          [t('columns.created'), c.created],
        ] as const;
        return (
          <li key={campaign.id} className="grid gap-3 rounded-xl border bg-card p-4 shadow-sm">
            <div className="flex items-start justify-between gap-3">
              <Link to="/campaigns/$id" params={{ id: campaign.id }} className="min-w-0 break-words font-medium hover:underline">
                {campaign.name}
              </Link>
              <CampaignStatusBadge status={campaign.status} />
            </div>
            <CampaignProgress finished={campaign.progress.finished} total={campaign.progress.total} />
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              {facts.map(([term, value]) => (
                <div key={term} className="contents">
                  <dt className="text-muted-foreground">{term}</dt>
                  <dd className="min-w-0 break-words">{value}</dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
