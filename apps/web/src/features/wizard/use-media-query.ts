import { useSyncExternalStore } from 'react';

// Whether a CSS media query matches now, following changes (for layouts CSS alone cannot switch,
// such as a grid whose rows become its columns).
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
