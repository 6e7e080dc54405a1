import { useMemo } from 'react';
import { phoneEntries } from './model/phone-text.ts';

// For pasted text: the paste box's line of the entry at a place in the list (what the API reports).
export function usePasteLines(text: string | null): ((position: number) => number) | undefined {
  return useMemo(() => {
    if (text === null) return undefined;
    const lines = phoneEntries(text).map((entry) => entry.line);
    return (position: number) => lines[position] ?? position + 1;
  }, [text]);
}
