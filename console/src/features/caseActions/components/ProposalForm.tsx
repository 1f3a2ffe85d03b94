// 提出安置意见: the institution's proposed pathway, the recommended one chosen to begin with; a
// different one needs a reason (the rule the workflow applies too), said before anything is sent.
import { Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { useGlossary } from '../../../shared/glossary';
import type { Pathway, ProposalBody } from '../api/caseActions';
import { reasonRequired } from '../proposalRule';

const PATHWAYS = ['social_placement', 'destitute_centralized', 'destitute_dispersed'] as const;
const FIELDS = ['pathway', 'reason'];

interface Values {
  pathway: Pathway;
  reason?: string;
}

interface Props {
  recommended: Pathway;
  /** Sends the proposal; a refusal it throws is shown next to its field, or above the form. */
  onSubmit: (body: ProposalBody) => Promise<unknown>;
}

export function ProposalForm({ recommended, onSubmit }: Props) {
  const { t } = useTranslation();
  const word = useGlossary();
  const [form] = Form.useForm<Values>();
  const pathway = Form.useWatch('pathway', form);
  const needsReason = reasonRequired(pathway, recommended);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placed = fieldErrorsOf(error, FIELDS);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ pathway: recommended }}
      onFinish={(values) => {
        const reason = values.reason?.trim();
        setPending(true);
        setError(null);
        onSubmit({ pathway: values.pathway, ...(reason ? { reason } : {}) })
          .catch((e: unknown) => {
            setError(e);
            form.setFields(asFormFields(fieldErrorsOf(e, FIELDS)));
          })
          .finally(() => setPending(false));
      }}
    >
      {error && placed.length === 0 ? <ErrorAlert error={error} /> : null}
      <Form.Item label={t('caseActions.proposal.pathway')} name="pathway" rules={[{ required: true }]}>
        <Radio.Group
          options={PATHWAYS.map((p) => ({
            value: p,
            label:
              p === recommended
                ? t('caseActions.proposal.recommended', { pathway: word('pathway', p) })
                : word('pathway', p),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t('caseActions.proposal.reason')}
        name="reason"
        required={needsReason}
        dependencies={['pathway']}
        extra={needsReason ? t('caseActions.proposal.reasonHint') : undefined}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (reasonRequired(getFieldValue('pathway') as string, recommended) && !value?.trim())
                throw new Error(t('caseActions.proposal.reasonRequired'));
            },
          }),
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('caseActions.proposal.submit')}
      </Button>
    </Form>
  );
}
