import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { SecretOnce, useCreatedSecret } from '@/components/secret-once.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { RadioGroup, RadioGroupOption } from '@/components/ui/radio-group.tsx';
import { useCreateApiKey } from '@/hooks/api/api-keys/mutations.ts';
import type { CreatedApiKey } from '@/hooks/api/api-keys/types.ts';
import { useFieldMessage } from '@/hooks/use-field-message.ts';
import { isApiError, type FieldError } from '@/lib/api-error.ts';
import { applyFieldErrors } from '@/lib/form-errors.ts';
import { createKeySchema, NAME_MAX, ROLES, type CreateKeyValues } from '../schema.ts';

// A key for this workspace (the signed-in key's tenant); its secret is shown once, then only its
// first characters are known.
export function CreateKeyCard({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation('api-keys');
  const message = useFieldMessage('api-keys');
  const create = useCreateApiKey();
  const [rest, setRest] = useState<FieldError[]>([]);
  const roleLabelId = useId();
  const form = useForm<CreateKeyValues>({ resolver: zodResolver(createKeySchema), defaultValues: { name: '', role: 'member' } });
  const [created, setCreated] = useCreatedSecret<CreatedApiKey>(() => form.setFocus('name'));


  const submit = form.handleSubmit((values) => {
    setRest([]);
    create.mutate(
      { tenant: tenantId, ...values },
      {
        onSuccess: (key) => {
          form.reset();
          setCreated(key);
        },
        onError: (error) => {
          if (isApiError(error)) setRest(applyFieldErrors(error, form.setError, ['name', 'role']));
        },
      },
    );
  });

  if (created) {
    return (
      <SecretOnce ns="api-keys" value={created.secret} onDone={() => setCreated(null)} />
    );
  }

  const showAlert = create.error && (!isApiError(create.error) || create.error.details.length === 0 || rest.length > 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('create.title')}</CardTitle>
        <CardDescription>{t('create.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-5">
          {showAlert && <ApiErrorAlert error={create.error} details={rest} />}
          <div className="grid items-start gap-5 md:grid-cols-2">
          <Field label={t('create.name')} hint={t('create.nameHint')} error={message(form.formState.errors.name, { max: NAME_MAX })}>
            <Input autoComplete="off" maxLength={NAME_MAX} {...form.register('name')} />
          </Field>
          <div className="grid gap-2">
            <span id={roleLabelId} className="text-sm font-medium leading-none">
              {t('create.role')}
            </span>
            <Controller
              control={form.control}
              name="role"
              render={({ field }) => (
                <RadioGroup aria-labelledby={roleLabelId} value={field.value} onValueChange={field.onChange} className="sm:grid-cols-2 md:grid-cols-1 lg:grid-cols-2">
                  {ROLES.map((role) => (
                    <RadioGroupOption key={role} value={role} label={t(`create.roles.${role}`)} description={t(`create.roles.${role}Hint`)} />
                  ))}
                </RadioGroup>
              )}
            />
          </div>
          </div>
          <Button type="submit" disabled={create.isPending} aria-busy={create.isPending || undefined} className="justify-self-start">
            {create.isPending ? t('create.submitting') : t('create.submit')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
