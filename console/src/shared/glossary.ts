// The glossary's words for the API's codes (stages, task kinds, departments …), falling back to the
// code itself for a value the catalogue does not know yet rather than showing nothing.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue } from '../i18n/zh-CN';

export type GlossarySection = keyof Catalogue['glossary'];

export function useGlossary(): (section: GlossarySection, code: string | number | null | undefined) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (section, code) => {
      if (code === null || code === undefined || code === '') return t('common.none');
      // Event types are dotted (case.registered); the catalogue keys them with _ (dots separate keys).
      const key = `glossary.${section}.${String(code).replaceAll('.', '_')}`;
      return i18n.exists(key) ? (t as unknown as (k: string) => string)(key) : String(code);
    },
    [t, i18n],
  );
}
