import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { useMe } from '@/hooks/api/me/queries.ts';
import { useSourceCampaign } from '@/hooks/api/new-campaign/queries.ts';
import { defaultValues, parseStatuses, valuesFromCampaign } from './model/form-values.ts';
import { GENEROUS_MAX_PER_BATCH, Wizard, maxPerBatchOf } from './wizard.tsx';

// Asked for with no statuses: the numbers nobody reached.
const DEFAULT_CALL_AGAIN = ['failed', 'no_result'] as const;

export function WizardPage() {
  const { t } = useTranslation('wizard');
  const search = useSearch({ from: '/app/campaigns/new' });
  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader title={search.from ? t('callAgain.title') : t('title')} description={search.from ? t('callAgain.intro') : t('intro')} />
      {search.from ? <CallAgainWizard key={search.from} sourceId={search.from} statuses={search.statuses} /> : <NewWizard />}
    </div>
  );
}

function NewWizard() {
  const me = useMe();
  const [initial] = useState(() => defaultValues(maxPerBatchOf(me.data) ?? GENEROUS_MAX_PER_BATCH));
  return <Wizard initialValues={initial} />;
}

function CallAgainWizard({ sourceId, statuses }: { sourceId: string; statuses?: string }) {
  const { t } = useTranslation('wizard');
  const me = useMe();
  const source = useSourceCampaign(sourceId);
  if (source.error) return <ApiErrorAlert error={source.error} title={t('callAgain.sourceFailed')} />;
  if (!source.data) return <p className="text-sm text-muted-foreground">{t('callAgain.loading')}</p>;
  const chosen = parseStatuses(statuses);
  const initial = valuesFromCampaign(source.data, {
    maxCallsPerBatch: maxPerBatchOf(me.data) ?? GENEROUS_MAX_PER_BATCH,
    name: t('callAgain.defaultName', { name: source.data.name }),
    statuses: chosen.length > 0 ? chosen : [...DEFAULT_CALL_AGAIN],
  });
  return <Wizard initialValues={initial} source={source.data} />;
}
