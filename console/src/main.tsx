import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { Providers } from './app/providers';
import { router } from './app/router';
import { initI18n, loadLanguage, storedLanguage } from './i18n';
import './app/styles.css';

const language = storedLanguage();
initI18n(language);
// Someone who chose English gets its words before the first render, not a flash of Chinese.
await loadLanguage(language);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
