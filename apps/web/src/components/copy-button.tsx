import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

// Copies `value` and says so in a polite live region; when the clipboard is refused (an insecure
// origin, a denied permission) it says to copy by hand instead of failing silently.
export function CopyButton({ value, name }: { value: string; name: string }) {
  const { t } = useTranslation('secret');
  const [state, setState] = useState<CopyState>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="outline" aria-label={t('copyNamed', { name })} onClick={() => void copy()}>
        {state === 'copied' ? <Check aria-hidden /> : <Copy aria-hidden />}
        {t('copy')}
      </Button>
      <p role="status" className="text-sm text-muted-foreground">
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </p>
    </div>
  );
}
