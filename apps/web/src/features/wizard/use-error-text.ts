import { useTranslation } from 'react-i18next';
import { readMessage } from './model/messages.ts';

// Words a field error kept as a descriptor (see model/messages.ts) in the current language.
export function useErrorText(): (message: string | undefined) => string | undefined {
  const { t } = useTranslation('wizard');
  return (message) => {
    if (!message) return undefined;
    const worded = readMessage(message);
    return 'text' in worded ? worded.text : t(worded.key, worded.params ?? {});
  };
}
