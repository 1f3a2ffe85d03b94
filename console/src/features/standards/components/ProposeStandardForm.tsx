// 提出补贴标准 (civil affairs): division, amount in yuan (sent as integer fen), an effective date
// after today, and the decision it rests on. The API's refusal of a field (a division outside the
// jurisdiction, say) stands at that field; it stays 待会签 until finance co-signs.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { formatDate } from '../../../shared/format';
import { newIdempotencyKey } from '../../../shared/idempotency';
import { useUser } from '../../../shared/session';
import { useProposeStandard } from '../api/standards';
import { yuanToFen } from '../model';

/** The form's fields carry the API's names, so a refusal of `amountFen` lands on the amount. */
const FIELDS = ['division', 'amountFen', 'effectiveFrom', 'basis'] as const;

interface Values {
  division: string;
  amountFen: string;
  effectiveFrom: string;
  basis: string;
}

export function ProposeStandardForm() {
  const { t } = useTranslation();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const propose = useProposeStandard();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const today = formatDate(new Date());

  return (
    <Card className="form-page__card" title={<Typography.Title level={2}>{t('standards.propose')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('standards.proposeHelp')}</Typography.Paragraph>
      {propose.isSuccess ? (
        <Alert type="success" showIcon role="status" className="form-page__alert" title={t('standards.proposed')} />
      ) : null}
      {unplaced ? (
        <div className="form-page__alert">
          <ErrorAlert error={unplaced} />
        </div>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ division: user.division }}
        onValuesChange={() => propose.isSuccess && propose.reset()}
        onFinish={(values) => {
          setUnplaced(null);
          propose.mutate(
            {
              idempotencyKey,
              body: {
                division: values.division.trim(),
                amountFen: yuanToFen(values.amountFen)!,
                effectiveFrom: values.effectiveFrom,
                basis: values.basis.trim(),
              },
            },
            {
              onSuccess: () => {
                form.resetFields();
                setIdempotencyKey(newIdempotencyKey());
              },
              onError: (error) => {
                // Refused as sent: what is sent next is another request. Unanswered: the same one again.
                if (error instanceof ApiError && error.status >= 400 && error.status < 500)
                  setIdempotencyKey(newIdempotencyKey());
                const errors = fieldErrorsOf(error, FIELDS);
                form.setFields(asFormFields(errors));
                setUnplaced(errors.length === 0 ? error : null);
              },
            },
          );
        }}
      >
        <Form.Item
          label={t('standards.fields.division')}
          name="division"
          rules={[
            { required: true, message: t('standards.required.division') },
            { pattern: /^\d{6}$/, message: t('standards.divisionRule') },
          ]}
        >
          <Input maxLength={6} inputMode="numeric" autoComplete="off" className="form-page__select" />
        </Form.Item>
        <Form.Item
          label={t('standards.fields.amount')}
          name="amountFen"
          rules={[
            { required: true, message: t('standards.required.amount') },
            {
              validator: async (_rule, value: unknown) => {
                if (typeof value === 'string' && value.trim() !== '' && yuanToFen(value) === null)
                  throw new Error(t('standards.amountRule'));
              },
            },
          ]}
        >
          <Input inputMode="decimal" autoComplete="off" className="form-page__select" />
        </Form.Item>
        <Form.Item
          label={t('standards.fields.effectiveFrom')}
          name="effectiveFrom"
          rules={[
            { required: true, message: t('standards.required.effectiveFrom') },
            {
              validator: async (_rule, value: unknown) => {
                if (typeof value === 'string' && value !== '' && value <= today)
                  throw new Error(t('standards.futureRule'));
              },
            },
          ]}
        >
          <Input type="date" className="form-page__date" />
        </Form.Item>
        <Form.Item
          label={t('standards.fields.basis')}
          name="basis"
          rules={[{ required: true, whitespace: true, message: t('standards.required.basis') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={propose.isPending}>
          {t('standards.submit')}
        </Button>
      </Form>
    </Card>
  );
}
