// Everything every page relies on: the query cache, the session, antd in the person's language
// with the page's CSP nonce on its style tags, and i18next.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { type Language, i18n, whenLanguageLoads } from '../i18n';
import { SessionProvider } from '../shared/session';

/** The nonce the server put in this page (<meta property="csp-nonce">), for antd's <style> tags. */
function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A refusal (403, 404, 409, 401) is an answer, not a glitch: ask again only after network errors.
        retry: (count, error) =>
          count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}

/**
 * antd's defaults with the secondary texts and links dark enough for WCAG AA contrast (axe-core
 * checks every page): a shared office screen is often dim.
 */
const THEME = {
  token: {
    colorPrimary: '#1456b8',
    colorInfo: '#1456b8',
    colorLink: '#1456b8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // A form field's error and success messages are text in these colours.
    colorError: '#c41d22',
    colorSuccess: '#2b7a0b',
  },
  components: {
    // A selected row (finance's multi-select) under the pointer was #b0cfeb, where a case link
    // measured 4.24:1; these keep links at 5.4:1 or better.
    Table: { rowSelectedBg: '#e6f0fb', rowSelectedHoverBg: '#d6e6f8' },
  },
};

/** antd's own words (pagination, empty tables, date pickers): zh_CN with the console, en_US when English is chosen. */
const antdLocales: Partial<Record<Language, Locale>> = { 'zh-CN': zhCN };
whenLanguageLoads(async (language) => {
  if (language === 'en' && !antdLocales.en) antdLocales.en = (await import('antd/es/locale/en_US')).default;
});

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  const language = current.language;
  useEffect(() => {
    dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  }, [language]);
  const [nonce] = useState(cspNonce);
  return (
    <ConfigProvider
      locale={antdLocales[language as Language] ?? zhCN}
      csp={nonce ? { nonce } : undefined}
      button={{ autoInsertSpace: false }}
      theme={THEME}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocalizedAntd>
          <SessionProvider>{children}</SessionProvider>
        </LocalizedAntd>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
