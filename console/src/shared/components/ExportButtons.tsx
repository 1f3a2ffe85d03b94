// 导出 Excel / 导出 CSV above a list: the list's current filters as a file (the feature's api/
// fetches it), a spinner while it comes, the API's refusal (too many rows, say) in an alert.
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { Button, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExportFormat, type ExportedFile, saveFile } from '../export/download';
import { ErrorAlert } from './ErrorAlert';

export function ExportButtons({ onExport }: { onExport: (format: ExportFormat) => Promise<ExportedFile> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);

  const run = async (format: ExportFormat) => {
    if (running.current) return; // a double click downloads once
    running.current = true;
    setBusy(format);
    setError(null);
    try {
      saveFile(await onExport(format));
    } catch (e) {
      setError(e);
    } finally {
      running.current = false;
      setBusy(null);
    }
  };

  return (
    <div className="list-export">
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
          {t('common.exportExcel')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => void run('csv')}>
          {t('common.exportCsv')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
    </div>
  );
}
