import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import type { ApiKey } from '@/hooks/api/api-keys/types.ts';
import { browserTimeZone } from '@/lib/browser-zone.ts';
import { formatDateTime } from '@/lib/format.ts';
import { RevokeKeyButton } from './revoke-key-button.tsx';

// Every key of the workspace, revoked ones too. The key this session uses cannot be revoked from
// here: doing so would cut the page off mid-action; another admin key can.
export function KeyTable({ keys, currentKeyId }: { keys: readonly ApiKey[]; currentKeyId: string }) {
  const { t } = useTranslation('api-keys');
  return (
    <Table label={t('table.caption')}>
      <TableHeader>
        <TableRow>
          <TableHead>{t('table.name')}</TableHead>
          <TableHead>{t('table.role')}</TableHead>
          <TableHead>{t('table.created')}</TableHead>
          <TableHead>{t('table.status')}</TableHead>
          <TableHead>
            <span className="sr-only">{t('table.actions')}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {keys.map((key) => (
          <KeyRow key={key.id} apiKey={key} current={key.id === currentKeyId} />
        ))}
      </TableBody>
    </Table>
  );
}

function KeyRow({ apiKey, current }: { apiKey: ApiKey; current: boolean }) {
  const { t, i18n } = useTranslation('api-keys');
  const zone = browserTimeZone();
  return (
    <TableRow>
      <TableCell className="min-w-40">
        <div className="grid gap-0.5">
          <span className="font-medium">{apiKey.name}</span>
          <span className="font-mono text-xs text-muted-foreground">{t('table.prefix', { prefix: `${apiKey.keyPrefix}…` })}</span>
        </div>
      </TableCell>
      <TableCell>
        <Badge tone={apiKey.role === 'admin' ? 'info' : 'neutral'}>{t(`create.roles.${apiKey.role}`)}</Badge>
      </TableCell>
      <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(apiKey.createdAt, zone, i18n.language)}</TableCell>
      <TableCell>
        {apiKey.revokedAt === null ? (
          <Badge tone="success">{t('table.active')}</Badge>
        ) : (
          <span className="grid justify-items-start gap-1">
            <Badge tone="danger">{t('table.revokedBadge')}</Badge>
            <span className="whitespace-nowrap text-xs text-muted-foreground">{formatDateTime(apiKey.revokedAt, zone, i18n.language)}</span>
          </span>
        )}
      </TableCell>
      <TableCell className="text-right">
        {current ? (
          <Badge tone="info">{t('table.yours')}</Badge>
        ) : (
          apiKey.revokedAt === null && <RevokeKeyButton id={apiKey.id} name={apiKey.name} />
        )}
      </TableCell>
    </TableRow>
  );
}
