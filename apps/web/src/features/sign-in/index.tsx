import { useTranslation } from 'react-i18next';
import { Brand } from '@/components/layout/brand.tsx';
import { LanguageSwitch } from '@/components/layout/language-switch.tsx';
import { ThemeSwitch } from '@/components/layout/theme-switch.tsx';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card.tsx';
import { SignInForm } from './sign-in-form.tsx';

export function SignInPage() {
  const { t } = useTranslation('sign-in');
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex items-center justify-between px-4 py-4 sm:px-6">
        <Brand />
        <div className="flex items-center gap-1">
          <LanguageSwitch />
          <ThemeSwitch />
        </div>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-8 sm:items-center sm:pt-0">
        <Card className="w-full max-w-md">
          <CardHeader>
            <h1 className="text-xl font-semibold tracking-tight">{t('title')}</h1>
            <CardDescription>{t('intro')}</CardDescription>
          </CardHeader>
          <CardContent>
            <SignInForm />
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
