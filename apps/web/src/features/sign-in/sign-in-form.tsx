import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useSignIn } from '@/hooks/api/me/mutations.ts';
import { isApiError } from '@/lib/api-error.ts';

const signInSchema = z.object({ apiKey: z.string().trim().min(1) });
type SignInValues = z.infer<typeof signInSchema>;

export function SignInForm() {
  const { t } = useTranslation('sign-in');
  const navigate = useNavigate();
  const signIn = useSignIn();
  const form = useForm<SignInValues>({ resolver: zodResolver(signInSchema), defaultValues: { apiKey: '' } });
  const submit = form.handleSubmit(({ apiKey }) =>
    signIn.mutate(apiKey, { onSuccess: () => void navigate({ to: '/campaigns' }) }),
  );
  const wrongKey = isApiError(signIn.error) && signIn.error.statusCode === 401;

  return (
    <form onSubmit={submit} noValidate className="grid gap-5">
      {wrongKey && (
        <Alert variant="destructive">
          <AlertTitle>{t('invalidKey')}</AlertTitle>
        </Alert>
      )}
      {signIn.error && !wrongKey && <ApiErrorAlert error={signIn.error} />}
      <Field label={t('apiKey')} error={form.formState.errors.apiKey ? t('required') : undefined}>
        <Input type="password" autoComplete="current-password" spellCheck={false} autoFocus {...form.register('apiKey')} />
      </Field>
      <Button type="submit" size="lg" disabled={signIn.isPending}>
        {signIn.isPending ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}
