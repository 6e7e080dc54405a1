import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { createI18n } from './lib/i18n.ts';
import { applyTheme } from './lib/theme.ts';
import './styles.css';

applyTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App i18n={createI18n()} />
  </StrictMode>,
);
