import { createMemoryHistory } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@/app/app.tsx';
import { createI18n, type Language } from '@/lib/i18n.ts';

// The whole console (router, queries, i18n) at `path`, as a user would meet it.
export function renderApp(path: string, options: { language?: Language } = {}) {
  const i18n = createI18n(options.language ?? 'en');
  const history = createMemoryHistory({ initialEntries: [path] });
  const user = userEvent.setup();
  return { user, i18n, history, ...render(<App i18n={i18n} history={history} />) };
}
