import { useTranslation } from 'react-i18next';

// A form field's error as words: the console's zod schemas give translation keys of the form's
// namespace ('add.phonesRequired'); the API's field errors come as sentences and are shown as sent.
export function useFieldMessage(namespace: string) {
  const { t, i18n } = useTranslation(namespace);
  return (error: { message?: string } | undefined, values: Record<string, unknown> = {}): string | undefined => {
    if (!error?.message) return undefined;
    return i18n.exists(error.message, { ns: namespace }) ? t(error.message, values) : error.message;
  };
}
