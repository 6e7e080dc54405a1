import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import type { CampaignListItem } from '@/hooks/api/campaigns/types.ts';
import { useCampaignCells } from './campaign-cells.ts';
import { CampaignProgress } from './campaign-progress.tsx';
import { CampaignStatusBadge } from './status-badge.tsx';

// The list on wider screens: one row per campaign.
export function CampaignsTable({ campaigns, labelledBy }: { campaigns: CampaignListItem[]; labelledBy: string }) {
  const { t } = useTranslation('campaigns');
  const cells = useCampaignCells();
  return (
    // Named by the list's heading; its links make the scroller reachable by keyboard.
    <Table aria-labelledby={labelledBy}>
      <TableHeader>
        <TableRow>
          <TableHead>{t('columns.name')}</TableHead>
          <TableHead>{t('columns.status')}</TableHead>
          <TableHead>{t('columns.progress')}</TableHead>
          <TableHead>{t('columns.answerRate')}</TableHead>
          <TableHead>{t('columns.nextBatch')}</TableHead>
          <TableHead>{t('columns.finish')}</TableHead>
          <TableHead>{t('columns.created')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {campaigns.map((campaign) => {
          const c = cells(campaign);
          return (
            <TableRow key={campaign.id}>
              <TableCell className="max-w-64 font-medium">
                <Link to="/campaigns/$id" params={{ id: campaign.id }} className="line-clamp-2 break-words hover:underline">
                  {campaign.name}
                </Link>
              </TableCell>
              <TableCell>
                <CampaignStatusBadge status={campaign.status} />
              </TableCell>
              <TableCell>
                <CampaignProgress finished={campaign.progress.finished} total={campaign.progress.total} />
              </TableCell>
              <TableCell className="tabular-nums">{c.answerRate}</TableCell>
              <TableCell className="min-w-44 text-muted-foreground">{c.nextBatch}</TableCell>
              <TableCell className="min-w-44 text-muted-foreground">{c.finish}</TableCell>
              <TableCell className="min-w-44 text-muted-foreground">{c.created}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
