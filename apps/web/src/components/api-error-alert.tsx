import { useTranslation } from 'react-i18next';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert.tsx';
import { isApiError, type FieldError } from '@/lib/api-error.ts';

// Shows an API error as the API worded it, with the fields at fault. Pass `details` to show only
// those a form could not put on its own fields (see applyFieldErrors).
export function ApiErrorAlert({ error, details, title }: { error: unknown; details?: FieldError[]; title?: string }) {
  const { t } = useTranslation();
  const message = isApiError(error) || error instanceof Error ? error.message : String(error);
  const fields = details ?? (isApiError(error) ? error.details : []);
  return (
    <Alert variant="destructive">
      <AlertTitle>{title ?? t('error.title')}</AlertTitle>
      <AlertDescription>
        <p>{message}</p>
        {fields.length > 0 && (
          <ul aria-label={t('error.fieldList')} className="mt-1 list-disc pl-5">
            {fields.map((detail) => (
              <li key={`${detail.field}:${detail.code}`}>
                <code className="font-mono text-xs">{detail.field}</code> {detail.message}
              </li>
            ))}
          </ul>
        )}
      </AlertDescription>
    </Alert>
  );
}
