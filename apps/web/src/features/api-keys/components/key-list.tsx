import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useApiKeys } from '@/hooks/api/api-keys/queries.ts';
import type { Me } from '@/hooks/api/me/types.ts';
import { KeyTable } from './key-table.tsx';

// The keys of the signed-in key's workspace (an admin key could list every tenant's; the console
// manages its own).
export function KeyList({ me }: { me: Me }) {
  const { t } = useTranslation('api-keys');
  const keys = useApiKeys({ tenantId: me.tenantId });
  return (
    <section aria-labelledby="api-key-list-title" className="grid content-start gap-4">
      <h2 id="api-key-list-title" className="text-lg font-semibold tracking-tight">
        {t('table.caption')}
      </h2>
      {keys.isPending && <Skeleton className="h-40 w-full" />}
      {keys.isError && <ApiErrorAlert error={keys.error} />}
      {keys.data && keys.data.items.length === 0 && <p className="text-sm text-muted-foreground">{t('table.empty')}</p>}
      {keys.data && keys.data.items.length > 0 && <KeyTable keys={keys.data.items} currentKeyId={me.apiKeyId} />}
      <p className="text-sm text-muted-foreground">{t('table.yoursNote')}</p>
    </section>
  );
}
