import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import type { SuppressionReport } from '@/hooks/api/suppressions/types.ts';
import { addNumbersSchema, type AddNumbersValues } from '../schema.ts';
import { AddNumbersForm } from './add-numbers-form.tsx';
import { ListReport } from './list-report.tsx';
import { UploadNumbers } from './upload-numbers.tsx';

type Result = { report: SuppressionReport; title: string };

// Paste or upload: one reason for both, and the last result under them.
export function AddNumbersCard() {
  const { t } = useTranslation('suppressions');
  const form = useForm<AddNumbersValues>({ resolver: zodResolver(addNumbersSchema), defaultValues: { phones: '', reason: '' } });
  const [result, setResult] = useState<Result | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('add.title')}</CardTitle>
        <CardDescription>{t('add.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <AddNumbersForm form={form} onAdded={(report) => setResult({ report, title: t('report.title') })} />
        <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted-foreground" aria-hidden>
          <span className="h-px flex-1 bg-border" />
          {t('add.or')}
          <span className="h-px flex-1 bg-border" />
        </div>
        <UploadNumbers reason={() => form.getValues('reason').trim()} onUploaded={(report, name) => setResult({ report, title: t('report.fileTitle', { name }) })} />
        {result && <ListReport report={result.report} title={result.title} />}
      </CardContent>
    </Card>
  );
}
