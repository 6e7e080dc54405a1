import { useState } from 'react';
import { currentCursor, nextTrail, previousTrail, type CursorTrail } from '@/components/ui/pagination.tsx';

// Cursor pages of a server-side list: Next follows the API's nextCursor, Previous goes back along
// the trail. A new filter (`key`) starts again at page 1, without an effect.
export function useCursorPages(key: string) {
  const [state, setState] = useState<{ key: string; trail: CursorTrail }>({ key, trail: [] });
  const trail = state.key === key ? state.trail : [];
  return {
    cursor: currentCursor(trail),
    page: trail.length + 1,
    hasPrevious: trail.length > 0,
    next: (cursor: string) => setState({ key, trail: nextTrail(trail, cursor) }),
    previous: () => setState({ key, trail: previousTrail(trail) }),
  };
}
