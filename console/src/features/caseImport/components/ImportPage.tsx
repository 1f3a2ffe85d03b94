// 批量导入 (cases/import): the template downloaded, a roster chosen (read here only to count its
// rows and check its header before it goes to the API as it is), then the report row by row:
// 成功 / 已存在 / 错误 with the reason in words and a link to the case created or already open.
import { Alert, Button, Card, Flex, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { newIdempotencyKey } from '../../../shared/idempotency';
import { useUser } from '../../../shared/session';
import { useImportRoster } from '../api/importRoster';
import { type Preview, readRoster } from '../preview';
import { type Outcome, type Reason, type RowOutcome, rowOutcome } from '../reasons';
import { templateCsv } from '../template';

const OUTCOME_TAG: Record<Outcome, string> = {
  created: 'status-tag--good',
  exists: 'status-tag--pending',
  error: 'status-tag--bad',
};

interface Chosen {
  file: string;
  preview: Preview;
  idempotencyKey: string;
}

export function ImportPage() {
  const { t } = useTranslation();
  const user = useUser();
  const importRoster = useImportRoster();
  const [chosen, setChosen] = useState<Chosen | null>(null);

  const say = (reason: Reason | undefined): string => {
    if (!reason) return '';
    const values = { ...reason.values };
    if (typeof values.column === 'string') values.column = t(`caseImport.columns.${values.column}` as never);
    return (t as unknown as (key: string, values: object) => string)(reason.key, values);
  };

  const downloadTemplate = () => {
    const url = URL.createObjectURL(new Blob([templateCsv(user.division)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t('caseImport.templateFile');
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const choose = async (file: File) => {
    importRoster.reset();
    setChosen({ file: file.name, preview: await readRoster(file), idempotencyKey: newIdempotencyKey() });
  };

  const problems = chosen ? problemsOf(chosen.preview, t) : [];
  const outcomes = importRoster.data?.rows.map(rowOutcome) ?? [];
  const count = (o: Outcome) => outcomes.filter((r) => r.outcome === o).length;

  const columns: ColumnsType<RowOutcome> = [
    { title: t('caseImport.reportColumns.row'), dataIndex: 'row', key: 'row', width: 80 },
    {
      title: t('caseImport.reportColumns.outcome'),
      key: 'outcome',
      width: 110,
      render: (_, r) => (
        <Tag variant="outlined" className={OUTCOME_TAG[r.outcome]}>
          {t(`caseImport.outcome.${r.outcome}`)}
        </Tag>
      ),
    },
    { title: t('caseImport.reportColumns.reason'), key: 'reason', render: (_, r) => say(r.reason) },
    {
      title: t('caseImport.reportColumns.case'),
      key: 'case',
      render: (_, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{t('caseImport.openCase')}</Link> : null),
    },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('caseImport.title')}</Typography.Title>
      <Typography.Paragraph>{t('caseImport.intro')}</Typography.Paragraph>
      <Flex vertical gap="large">
        <Card title={<Typography.Title level={2}>{t('caseImport.templateTitle')}</Typography.Title>}>
          <Typography.Paragraph>{t('caseImport.templateHelp')}</Typography.Paragraph>
          <Button onClick={downloadTemplate}>{t('caseImport.download')}</Button>
        </Card>
        <Card title={<Typography.Title level={2}>{t('caseImport.uploadTitle')}</Typography.Title>}>
          <Typography.Paragraph>{t('caseImport.uploadHelp')}</Typography.Paragraph>
          <Flex vertical gap="middle" align="flex-start">
            <Upload
              accept=".csv,text/csv"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(file) => {
                void choose(file);
                return false;
              }}
            >
              <Button>{t('caseImport.choose')}</Button>
            </Upload>
            {chosen ? (
              <Typography.Text>
                {t('caseImport.chosen', { file: chosen.file, count: chosen.preview.rows ?? 0 })}
              </Typography.Text>
            ) : null}
            {problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={problems[0]}
                description={problems.length > 1 ? problems.slice(1).join('；') : undefined}
              />
            ) : null}
            <ErrorAlert error={importRoster.error} />
            <Button
              type="primary"
              disabled={!chosen || problems.length > 0 || chosen.preview.text === undefined}
              loading={importRoster.isPending}
              onClick={() => {
                if (chosen?.preview.text !== undefined)
                  importRoster.mutate({ csv: chosen.preview.text, idempotencyKey: chosen.idempotencyKey });
              }}
            >
              {t('caseImport.start')}
            </Button>
          </Flex>
        </Card>
        {importRoster.data ? (
          <Card title={<Typography.Title level={2}>{t('caseImport.reportTitle')}</Typography.Title>}>
            <Typography.Paragraph role="status">
              {t('caseImport.summary', {
                total: outcomes.length,
                created: count('created'),
                exists: count('exists'),
                errors: count('error'),
              })}
            </Typography.Paragraph>
            <Table<RowOutcome>
              rowKey="row"
              size="middle"
              columns={columns}
              dataSource={outcomes}
              pagination={outcomes.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
              aria-label={t('caseImport.columnsTitle')}
            />
          </Card>
        ) : null}
      </Flex>
    </>
  );
}

function problemsOf(preview: Preview, t: TFunction): string[] {
  switch (preview.problem) {
    case 'notUtf8':
      return [t('caseImport.notUtf8')];
    case 'tooLarge':
      return [t('caseImport.tooLarge')];
    case 'unterminated':
      return [t('caseImport.unterminated', { line: preview.line ?? 0 })];
    case 'noRows':
      return [t('caseImport.noRows')];
    case 'exampleLeft':
      return [t('caseImport.exampleLeft')];
    default:
      return (preview.header ?? []).map((p) =>
        p.kind === 'unknown'
          ? t('caseImport.headerUnknown', { position: p.position, text: p.text })
          : t('caseImport.headerMissing', { column: t(`caseImport.columns.${p.column}`) }),
      );
  }
}
