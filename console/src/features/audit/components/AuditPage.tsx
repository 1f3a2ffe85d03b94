// 审计轨迹: a case's every event (who, when, what, its data, and the hash linking it to the one
// before), 完整性校验 (valid, or the seq where the chain breaks), and the export of a
// jurisdiction's window as NDJSON or CSV. The case looked at is in the URL.
import { Alert, Button, Card, Form, Input, Radio, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { useUser } from '../../../shared/session';
import { exportUrl, useHistory, useVerify } from '../api/audit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function AuditPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const caseId = params.get('caseId') ?? '';
  const cursor = params.get('cursor') ?? undefined;
  const history = useHistory(caseId, cursor);
  const verify = useVerify(caseId);
  const [exportForm] = Form.useForm<{ division: string; from: string; to: string; format: 'ndjson' | 'csv' }>();
  const [download, setDownload] = useState<string | null>(null);

  const open = (values: { caseId: string }) => {
    const next = new URLSearchParams();
    if (values.caseId.trim()) next.set('caseId', values.caseId.trim());
    setParams(next);
  };

  const result = verify.data;
  return (
    <>
      <Typography.Title level={1}>{t('audit.title')}</Typography.Title>
      <Card className="page-card" title={<h2 className="card-heading">{t('audit.caseTrail')}</h2>}>
        <Form layout="inline" onFinish={open} initialValues={{ caseId }} key={caseId}>
          <Form.Item
            name="caseId"
            label={t('audit.caseId')}
            rules={[{ required: true, message: t('audit.caseIdRequired') }]}
          >
            <Input className="audit__case-input" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
          </Form.Item>
          {caseId ? (
            <Form.Item>
              <Button onClick={() => void verify.refetch()} loading={verify.isFetching}>
                {t('audit.verify')}
              </Button>
            </Form.Item>
          ) : null}
        </Form>
        <ErrorAlert error={history.error ?? verify.error} />
        {result ? (
          result.valid ? (
            <Alert
              type="success"
              showIcon
              className="audit__verdict"
              title={t('audit.valid', { events: result.events })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              className="audit__verdict"
              title={t('audit.broken', { seq: result.brokenAt?.seq ?? 0, events: result.events })}
              description={result.brokenAt ? `${result.brokenAt.reason}: ${result.brokenAt.detail}` : undefined}
            />
          )
        ) : null}
        {history.data ? (
          <>
            <Timeline
              className="audit__timeline"
              items={history.data.items.map((e) => ({
                key: e.seq,
                content: (
                  <div className="audit__event">
                    <div>
                      <strong>{`#${e.seq} ${formatDateTime(e.at)}`}</strong> <code>{e.action}</code>
                    </div>
                    <div>
                      {t('audit.actor', {
                        role: word('role', e.actor.role),
                        org: e.actor.org,
                        division: e.actor.division,
                        sub: e.actor.sub,
                      })}
                    </div>
                    <pre className="audit__data">{JSON.stringify(e.data, null, 2)}</pre>
                    <div className="audit__hash">
                      {t('audit.prevHash')}: <code>{e.prevHash}</code>
                    </div>
                    <div className="audit__hash">
                      {t('audit.hash')}: <code>{e.hash}</code>
                    </div>
                  </div>
                ),
              }))}
            />
            <Space>
              <Button disabled={!cursor} onClick={() => setParams(new URLSearchParams({ caseId }))}>
                {t('common.firstPage')}
              </Button>
              <Button
                disabled={!history.data.nextCursor}
                onClick={() => setParams(new URLSearchParams({ caseId, cursor: history.data?.nextCursor ?? '' }))}
              >
                {t('common.nextPage')}
              </Button>
            </Space>
          </>
        ) : null}
      </Card>
      <Card className="page-card" title={<h2 className="card-heading">{t('audit.export')}</h2>}>
        <Form
          form={exportForm}
          layout="inline"
          initialValues={{ division: user.division, format: 'ndjson' }}
          onFinish={(v) =>
            setDownload(
              exportUrl({
                division: v.division.trim(),
                from: `${v.from}T00:00:00+08:00`,
                to: `${nextDay(v.to)}T00:00:00+08:00`,
                format: v.format,
              }),
            )
          }
          onValuesChange={() => setDownload(null)}
        >
          <Form.Item
            name="division"
            label={t('audit.division')}
            rules={[{ pattern: /^\d{6}$/, message: t('audit.divisionFormat') }]}
          >
            <Input maxLength={6} className="audit__short-input" />
          </Form.Item>
          <Form.Item
            name="from"
            label={t('audit.from')}
            rules={[{ required: true, pattern: DATE, message: t('audit.dateFormat') }]}
          >
            <Input placeholder="YYYY-MM-DD" className="audit__short-input" />
          </Form.Item>
          <Form.Item
            name="to"
            label={t('audit.to')}
            rules={[{ required: true, pattern: DATE, message: t('audit.dateFormat') }]}
          >
            <Input placeholder="YYYY-MM-DD" className="audit__short-input" />
          </Form.Item>
          <Form.Item name="format" label={t('audit.format')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'ndjson', label: 'NDJSON' },
                { value: 'csv', label: 'CSV' },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">{t('audit.prepareExport')}</Button>
          </Form.Item>
        </Form>
        {download ? (
          <a className="audit__download" href={download} download>
            {t('audit.download')}
          </a>
        ) : null}
      </Card>
    </>
  );
}
