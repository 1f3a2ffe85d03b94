// 节假日: which years of the official holiday schedule are loaded (this year and next named
// whether loaded or not: due dates in a year not loaded count weekdays only), and loading a year:
// its holidays and make-up working days typed one a line, or read from a JSON file of the API's body.
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDate } from '../../../shared/format';
import { useCalendarYears, useLoadCalendarYear } from '../api/admin';
import { type LineProblem, parseDayLines, repeatedDates, scheduleFromJson } from '../calendarLines';

interface Values {
  year?: number;
  source?: string;
  holidays?: string;
  makeupWorkdays?: string;
}

export function HolidaysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const years = useCalendarYears();
  const load = useLoadCalendarYear();
  const [form] = Form.useForm<Values>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const thisYear = Number(formatDate(new Date()).slice(0, 4));
  const loaded = years.data?.years ?? [];
  const watchedYear = Form.useWatch('year', form);
  const expected = [thisYear, thisYear + 1];
  const firstMissing = years.data ? expected.find((y) => !loaded.includes(y)) : undefined;

  const describe = (p: LineProblem, year: number) =>
    p.problem === 'invalid'
      ? t('admin.daysInvalid', { line: p.line, text: p.text })
      : p.problem === 'outsideYear'
        ? t('admin.daysOutsideYear', { line: p.line, year })
        : t('admin.daysRepeated', { date: p.date });

  const submit = async () => {
    const v = await form.validateFields();
    const year = v.year!;
    const holidays = parseDayLines(v.holidays ?? '', 'holiday', year);
    const makeup = parseDayLines(v.makeupWorkdays ?? '', 'makeup_workday', year);
    const days = [...holidays.days, ...makeup.days].sort((a, b) => a.date.localeCompare(b.date));
    const found: LineProblem[] = [
      ...holidays.problems,
      ...makeup.problems,
      ...repeatedDates(days).map((date) => ({ problem: 'repeated' as const, date })),
    ];
    setProblems(found.map((p) => describe(p, year)));
    if (found.length > 0) return;
    await load.mutateAsync({ year, body: { source: v.source!.trim(), days } });
    void message.success(t('admin.loaded', { year, count: days.length }));
  };

  const readFile = async (file: File) => {
    const schedule = scheduleFromJson(await file.text());
    if (!schedule) {
      setProblems([t('admin.uploadInvalid')]);
      return;
    }
    setProblems([]);
    form.setFieldsValue({
      ...(schedule.year !== null ? { year: schedule.year } : {}),
      source: schedule.source,
      holidays: schedule.holidays,
      makeupWorkdays: schedule.makeupWorkdays,
    });
  };

  return (
    <>
      <Typography.Title level={1}>{t('admin.holidaysTitle')}</Typography.Title>
      <Card title={<h2 className="card-heading">{t('admin.yearsCovered')}</h2>}>
        <ErrorAlert error={years.error} />
        <Space direction="vertical" className="full-width">
          <ul aria-label={t('admin.yearsCovered')} className="year-list">
            {loaded.length === 0 && years.data ? <li>{t('admin.noYears')}</li> : null}
            {[...loaded]
              .sort((a, b) => a - b)
              .map((y) => (
                <li key={y}>
                  <Tag className="status-tag--ok" variant="outlined">
                    {t('admin.yearStatus', { year: y })}
                  </Tag>
                </li>
              ))}
          </ul>
          {years.data ? (
            <Space wrap>
              {expected.map((y) => (
                <Typography.Text key={y}>
                  {t('admin.yearStatus', { year: y })}
                  {'：'}
                  {loaded.includes(y) ? (
                    <Tag className="status-tag--ok" variant="outlined">
                      {t('admin.covered')}
                    </Tag>
                  ) : (
                    <Tag className="status-tag--warn" variant="outlined">
                      {t('admin.missing')}
                    </Tag>
                  )}
                </Typography.Text>
              ))}
            </Space>
          ) : null}
          {expected
            .filter((y) => years.data && !loaded.includes(y))
            .map((y) => (
              <Alert key={y} type="warning" showIcon title={t('admin.missingWarning', { year: y })} />
            ))}
        </Space>
      </Card>
      <Card title={<h2 className="card-heading">{t('admin.loadYear')}</h2>} className="section-card">
        <Form
          name="calendarYear"
          form={form}
          layout="vertical"
          key={firstMissing ?? 'all'}
          initialValues={{ year: firstMissing ?? thisYear + 1 }}
        >
          <Form.Item
            label={t('admin.year')}
            name="year"
            rules={[{ required: true, message: t('admin.required', { field: t('admin.year') }) }]}
          >
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          {typeof watchedYear === 'number' && loaded.includes(watchedYear) ? (
            <Alert type="info" showIcon title={t('admin.replaceWarning', { year: watchedYear })} />
          ) : null}
          <Form.Item
            label={t('admin.source')}
            name="source"
            rules={[{ required: true, whitespace: true, message: t('admin.required', { field: t('admin.source') }) }]}
          >
            <Input maxLength={300} placeholder={t('admin.sourcePlaceholder')} />
          </Form.Item>
          <Form.Item label={t('admin.holidays')} name="holidays" extra={t('admin.daysHint')}>
            <Input.TextArea rows={8} />
          </Form.Item>
          <Form.Item label={t('admin.makeupWorkdays')} name="makeupWorkdays" extra={t('admin.daysHint')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          {problems.length > 0 ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('errors.validation')}
              description={
                <ul>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <ErrorAlert error={load.error} />
          <Space wrap className="form-actions">
            <Button type="primary" loading={load.isPending} onClick={() => void submit().catch(() => undefined)}>
              {t('admin.load')}
            </Button>
            <Button onClick={() => fileInput.current?.click()}>{t('admin.upload')}</Button>
            <Typography.Text type="secondary">{t('admin.uploadHint')}</Typography.Text>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              hidden
              aria-label={t('admin.upload')}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void readFile(file);
                e.target.value = '';
              }}
            />
          </Space>
        </Form>
      </Card>
    </>
  );
}
