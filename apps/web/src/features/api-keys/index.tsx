import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { useMe } from '@/hooks/api/me/queries.ts';
import { CreateKeyCard } from './components/create-key-card.tsx';
import { KeyList } from './components/key-list.tsx';

// Admin only (the route's guard): the workspace's keys, a new one shown once, revoking.
export function ApiKeysPage() {
  const { t } = useTranslation('api-keys');
  const me = useMe().data;
  return (
    <div className="grid gap-6">
      <PageHeader title={t('title')} description={t('intro')} />
      {me && <CreateKeyCard tenantId={me.tenantId} />}
      {me && <KeyList me={me} />}
    </div>
  );
}
