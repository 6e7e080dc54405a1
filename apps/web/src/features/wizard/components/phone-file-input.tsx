import { Upload } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonVariants } from '@/components/ui/button.tsx';
import { cn } from '@/lib/utils.ts';

// "Upload a file": a real file input (named by its visible label, which looks like a button), so
// keyboards, screen readers and test drivers all use it as a file input.
export function PhoneFileInput({ onFile }: { onFile: (file: File) => void }) {
  const { t } = useTranslation('wizard');
  const id = useId();
  return (
    <div className="grid gap-2">
      <div>
        <input
          id={id}
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          aria-describedby={`${id}-hint`}
          className="peer sr-only"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared so choosing the same file again after removing it still counts as a change.
            event.target.value = '';
            if (file) onFile(file);
          }}
        />
        <label
          htmlFor={id}
          className={cn(buttonVariants({ variant: 'outline' }), 'cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-ring')}
        >
          <Upload aria-hidden />
          {t('numbers.upload')}
        </label>
      </div>
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        {t('numbers.uploadHint')}
      </p>
    </div>
  );
}
