// 简体中文 / English, remembered in this browser: two buttons in a labelled group, the chosen one
// pressed, so both choices are visible and reachable by keyboard.
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage } from '../../i18n';

export function LanguageSwitch({ onChanged }: { onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Space.Compact role="group" aria-label={t('nav.language')}>
      {LANGUAGES.map((language) => {
        const chosen = i18n.language === language;
        return (
          <Button
            key={language}
            size="small"
            type={chosen ? 'primary' : 'default'}
            aria-pressed={chosen}
            lang={language}
            onClick={() => void (chosen ? undefined : changeLanguage(language).then(onChanged))}
          >
            {t(`language.${language}`)}
          </Button>
        );
      })}
    </Space.Compact>
  );
}
