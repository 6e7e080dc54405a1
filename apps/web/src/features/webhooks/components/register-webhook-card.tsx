import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { SecretOnce, useCreatedSecret } from '@/components/secret-once.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useCreateWebhook } from '@/hooks/api/webhooks/mutations.ts';
import type { CreatedWebhookEndpoint } from '@/hooks/api/webhooks/types.ts';
import { useFieldMessage } from '@/hooks/use-field-message.ts';
import { isApiError, type FieldError } from '@/lib/api-error.ts';
import { applyFieldErrors } from '@/lib/form-errors.ts';
import { URL_MAX, webhookSchema, type WebhookFormInput, type WebhookValues } from '../schema.ts';
import { EventCheckboxes } from './event-checkboxes.tsx';

// The API's code for a URL naming localhost or a private network, worded in the page's language.
const PRIVATE_ADDRESS = 'private_address';

export function RegisterWebhookCard() {
  const { t } = useTranslation('webhooks');
  const message = useFieldMessage('webhooks');
  const create = useCreateWebhook();
  const [rest, setRest] = useState<FieldError[]>([]);
  const form = useForm<WebhookFormInput, unknown, WebhookValues>({ resolver: zodResolver(webhookSchema), defaultValues: { url: '', events: [] } });
  const [created, setCreated] = useCreatedSecret<CreatedWebhookEndpoint>(() => form.setFocus('url'));
  const errors = form.formState.errors;


  const submit = form.handleSubmit((body) => {
    setRest([]);
    create.mutate(body, {
      onSuccess: (endpoint) => {
        form.reset();
        setCreated(endpoint);
      },
      onError: (error) => {
        if (isApiError(error)) setRest(applyFieldErrors(error, form.setError, ['url', 'events']));
      },
    });
  });

  if (created) {
    return (
      <SecretOnce ns="webhooks" value={created.secret} onDone={() => setCreated(null)} />
    );
  }

  const urlError = errors.url?.type === PRIVATE_ADDRESS ? t('register.privateAddress') : message(errors.url, { max: URL_MAX });
  const showAlert = create.error && (!isApiError(create.error) || create.error.details.length === 0 || rest.length > 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('register.title')}</CardTitle>
        <CardDescription>{t('register.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-5">
          {showAlert && <ApiErrorAlert error={create.error} details={rest} />}
          <div className="max-w-2xl">
          <Field label={t('register.url')} hint={t('register.urlHint')} error={urlError}>
            <Input type="url" inputMode="url" autoComplete="url" spellCheck={false} placeholder="https://" {...form.register('url')} />
          </Field>
          </div>
          <Controller
            control={form.control}
            name="events"
            render={({ field }) => <EventCheckboxes value={field.value} onChange={field.onChange} error={message(errors.events)} />}
          />
          <Button type="submit" disabled={create.isPending} aria-busy={create.isPending || undefined} className="justify-self-start">
            {create.isPending ? t('register.submitting') : t('register.submit')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
