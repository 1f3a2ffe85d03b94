// 撤销: the case ends without placement (adopted, deceased, moved out of the region, declined),
// confirmed once more before it is sent, since it cannot be undone.
import { App, Button, Form, Input, Popconfirm, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { useGlossary } from '../../../shared/glossary';
import { type WithdrawBody, useWithdrawCase } from '../api/caseActions';

const REASONS = ['adopted', 'deceased', 'moved', 'declined'] as const;

export function WithdrawForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const { message } = App.useApp();
  const [form] = Form.useForm<WithdrawBody>();
  const withdraw = useWithdrawCase(caseId);
  const send = () =>
    form.validateFields().then(
      (values) =>
        withdraw.mutate(
          { reason: values.reason, note: values.note?.trim() ?? '' },
          { onSuccess: () => void message.success(t('caseActions.withdrawal.done')) },
        ),
      () => undefined,
    );
  return (
    <Form<WithdrawBody> form={form} layout="vertical">
      <ErrorAlert error={withdraw.error} />
      <Form.Item
        label={t('caseActions.withdrawal.reason')}
        name="reason"
        rules={[{ required: true, message: t('caseActions.withdrawal.reasonRequired') }]}
      >
        <Radio.Group options={REASONS.map((r) => ({ value: r, label: word('withdrawal', r) }))} />
      </Form.Item>
      <Form.Item label={t('caseActions.withdrawal.note')} name="note">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Popconfirm
        title={t('caseActions.withdrawal.confirm')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => void send()}
      >
        <Button danger loading={withdraw.isPending}>
          {t('caseActions.withdrawal.submit')}
        </Button>
      </Popconfirm>
    </Form>
  );
}
