import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="grid justify-items-center gap-4 text-center">
        <h1 className="text-2xl font-semibold">{t('error.notFound')}</h1>
        <Button asChild variant="outline">
          <Link to="/">{t('error.backHome')}</Link>
        </Button>
      </div>
    </main>
  );
}
