// 更正: corrects what was registered wrongly (PATCH /v1/cases/{caseId}); only the fields filled in
// are sent, with the reason every correction needs. A change that bears on eligibility sends the
// case back to assessment (the API says so in its answer).
import { App, Button, Checkbox, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { useGlossary } from '../../../shared/glossary';
import { type CorrectionBody, useCorrectCase } from '../api/caseActions';

const HUKOU = ['urban', 'rural', 'pastoral'] as const;
const FIELDS = [
  'changes',
  'changes.name',
  'changes.hukouType',
  'changes.inFullTimeEducationUntil',
  'changes.division',
  'reason',
];

interface Values {
  changes: {
    name?: string;
    hukouType?: (typeof HUKOU)[number];
    seriousIllness?: boolean;
    inFullTimeEducationUntil?: string;
    division?: string;
  };
  changeIllness: boolean;
  reason: string;
}

export function CorrectionForm({ caseId, seriousIllness }: { caseId: string; seriousIllness: boolean }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const correct = useCorrectCase(caseId);
  const placed = fieldErrorsOf(correct.error, FIELDS);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ changeIllness: false, changes: {} }}
      onFinish={(values) => {
        const c = values.changes;
        const changes: CorrectionBody['changes'] = {
          ...(c.name?.trim() ? { name: c.name.trim() } : {}),
          ...(c.hukouType ? { hukouType: c.hukouType } : {}),
          ...(values.changeIllness ? { seriousIllness: !seriousIllness } : {}),
          ...(c.inFullTimeEducationUntil ? { inFullTimeEducationUntil: c.inFullTimeEducationUntil } : {}),
          ...(c.division?.trim() ? { division: c.division.trim() } : {}),
        };
        if (Object.keys(changes).length === 0) {
          form.setFields([{ name: 'reason', errors: [t('caseActions.correction.nothing')] }]);
          return;
        }
        correct.mutate(
          { changes, reason: values.reason.trim() },
          {
            onSuccess: () => {
              form.resetFields();
              void message.success(t('caseActions.correction.done'));
            },
            onError: (error) => form.setFields(asFormFields(fieldErrorsOf(error, FIELDS))),
          },
        );
      }}
    >
      {correct.error && placed.length === 0 ? <ErrorAlert error={correct.error} /> : null}
      <Form.Item label={t('caseActions.correction.name')} name={['changes', 'name']}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('caseActions.correction.hukouType')} name={['changes', 'hukouType']}>
        <Radio.Group options={HUKOU.map((h) => ({ value: h, label: word('hukou', h) }))} />
      </Form.Item>
      <Form.Item name="changeIllness" valuePropName="checked">
        <Checkbox>
          {seriousIllness ? t('caseActions.correction.illnessOff') : t('caseActions.correction.illnessOn')}
        </Checkbox>
      </Form.Item>
      <Form.Item
        label={t('caseActions.correction.inFullTimeEducationUntil')}
        name={['changes', 'inFullTimeEducationUntil']}
      >
        <Input type="date" className="form-page__date" />
      </Form.Item>
      <Form.Item
        label={t('caseActions.correction.division')}
        name={['changes', 'division']}
        rules={[{ pattern: /^\d{6}$/, message: t('caseActions.correction.divisionRule') }]}
      >
        <Input maxLength={6} inputMode="numeric" autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('caseActions.correction.reason')}
        name="reason"
        rules={[{ required: true, whitespace: true, message: t('caseActions.correction.reasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button htmlType="submit" loading={correct.isPending}>
        {t('caseActions.correction.submit')}
      </Button>
    </Form>
  );
}
