import { type ComponentType, StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import './styles/base.css';
import './styles/components.css';
import { type I18nOptions, setUpI18n } from './i18n';

/** Marks the page ready once React has painted: tests and kiosk watchdogs wait for it. */
function Ready({ children }: { children: React.ReactNode }) {
  useEffect(() => {
    document.documentElement.dataset.ready = 'true';
  }, []);
  return children;
}

/** Starts one screen family: languages first (so nothing renders untranslated), then React. */
export async function mount(App: ComponentType, options: I18nOptions): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('the page has no #root element');
  const i18n = await setUpI18n(options);
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Ready>
          <App />
        </Ready>
      </I18nextProvider>
    </StrictMode>,
  );
}
