// 评估: the institution's assessment of the youth (POST /v1/cases/{caseId}/assessment). The API
// answers with the rules' recommendation, which the recommendation card then shows.
import { Button, Checkbox, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { type AssessmentBody, useSubmitAssessment } from '../api/caseActions';

const WISHES = ['social_placement', 'centralized_support'] as const;
const SELF_CARE = ['full', 'partial', 'none'] as const;
const NEEDS = ['housing', 'education', 'legalAid', 'enlistingOrVeteran'] as const;
const FIELDS = [
  'canLiveIndependently',
  'basis',
  'hasIncome',
  'hasLegalSupporter',
  'wishes',
  'selfCare',
  'inFullTimeEducationUntil',
];

interface Values {
  canLiveIndependently: boolean;
  basis: string;
  hasIncome: boolean;
  hasLegalSupporter: boolean;
  wishes: (typeof WISHES)[number];
  selfCare: (typeof SELF_CARE)[number];
  inFullTimeEducationUntil?: string;
  needs?: Array<(typeof NEEDS)[number]>;
}

export function AssessmentForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const assess = useSubmitAssessment(caseId);
  const yesNo = (question: 'canLive' | 'income' | 'supporter') => [
    { value: true, label: t(`caseActions.answers.${question}.yes`) },
    { value: false, label: t(`caseActions.answers.${question}.no`) },
  ];
  const placed = fieldErrorsOf(assess.error, FIELDS);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ hasLegalSupporter: false, needs: [] }}
      onFinish={(values) => {
        const body: AssessmentBody = {
          canLiveIndependently: values.canLiveIndependently,
          basis: values.basis.trim(),
          hasIncome: values.hasIncome,
          hasLegalSupporter: values.hasLegalSupporter,
          wishes: values.wishes,
          selfCare: values.selfCare,
          ...(values.inFullTimeEducationUntil ? { inFullTimeEducationUntil: values.inFullTimeEducationUntil } : {}),
          ...(values.needs?.length ? { needs: Object.fromEntries(values.needs.map((n) => [n, true])) } : {}),
        };
        assess.mutate(body, {
          onError: (error) => form.setFields(asFormFields(fieldErrorsOf(error, FIELDS))),
        });
      }}
    >
      {assess.error && placed.length === 0 ? <ErrorAlert error={assess.error} /> : null}
      <Form.Item
        label={t('caseActions.assessment.canLiveIndependently')}
        name="canLiveIndependently"
        rules={[{ required: true, message: t('caseActions.assessment.choose') }]}
      >
        <Radio.Group options={yesNo('canLive')} />
      </Form.Item>
      <Form.Item
        label={t('caseActions.assessment.hasIncome')}
        name="hasIncome"
        rules={[{ required: true, message: t('caseActions.assessment.choose') }]}
      >
        <Radio.Group options={yesNo('income')} />
      </Form.Item>
      <Form.Item label={t('caseActions.assessment.hasLegalSupporter')} name="hasLegalSupporter">
        <Radio.Group options={yesNo('supporter')} />
      </Form.Item>
      <Form.Item
        label={t('caseActions.assessment.selfCare')}
        name="selfCare"
        rules={[{ required: true, message: t('caseActions.assessment.choose') }]}
      >
        <Radio.Group options={SELF_CARE.map((s) => ({ value: s, label: t(`caseActions.selfCare.${s}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('caseActions.assessment.wishes')}
        name="wishes"
        rules={[{ required: true, message: t('caseActions.assessment.choose') }]}
      >
        <Radio.Group options={WISHES.map((w) => ({ value: w, label: t(`caseActions.wish.${w}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('caseActions.assessment.basis')}
        name="basis"
        extra={t('caseActions.assessment.basisHint')}
        rules={[{ required: true, whitespace: true, message: t('caseActions.assessment.basisRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item label={t('caseActions.assessment.needs')} name="needs">
        <Checkbox.Group options={NEEDS.map((n) => ({ value: n, label: t(`caseActions.needs.${n}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('caseActions.assessment.inFullTimeEducationUntil')}
        name="inFullTimeEducationUntil"
        extra={t('caseActions.assessment.educationHint')}
      >
        <Input type="date" className="form-page__date" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={assess.isPending}>
        {t('caseActions.assessment.submit')}
      </Button>
    </Form>
  );
}
