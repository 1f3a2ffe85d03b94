// 提供银行账户 / 更正银行账户: the institution's task when the subsidy needs an account (or the bank
// refused the one on file). The account goes in as a correction of the case, which completes the
// task and lets a refused payment be tried again.
import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { useCorrectCase } from '../api/caseActions';

const FIELDS = [
  'changes.bankAccount',
  'changes.bankAccount.bank',
  'changes.bankAccount.accountNo',
  'changes.bankAccount.holder',
  'reason',
];

interface Values {
  changes: { bankAccount: { bank: string; accountNo: string; holder: string } };
  reason: string;
}

export function BankAccountForm({ caseId, correcting }: { caseId: string; correcting: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const correct = useCorrectCase(caseId);
  const placed = fieldErrorsOf(correct.error, FIELDS);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ reason: correcting ? t('caseActions.bank.correctReason') : t('caseActions.bank.provideReason') }}
      onFinish={(values) => {
        const a = values.changes.bankAccount;
        correct.mutate(
          {
            changes: { bankAccount: { bank: a.bank.trim(), accountNo: a.accountNo.trim(), holder: a.holder.trim() } },
            reason: values.reason.trim(),
          },
          {
            onSuccess: () => void message.success(t('caseActions.bank.done')),
            onError: (error) => form.setFields(asFormFields(fieldErrorsOf(error, FIELDS))),
          },
        );
      }}
    >
      {correct.error && placed.length === 0 ? <ErrorAlert error={correct.error} /> : null}
      <Form.Item
        label={t('caseActions.bank.bank')}
        name={['changes', 'bankAccount', 'bank']}
        rules={[{ required: true, whitespace: true, message: t('caseActions.bank.required') }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('caseActions.bank.accountNo')}
        name={['changes', 'bankAccount', 'accountNo']}
        rules={[
          { required: true, message: t('caseActions.bank.required') },
          { pattern: /^\d{8,30}$/, message: t('caseActions.bank.accountNoRule') },
        ]}
      >
        <Input maxLength={30} inputMode="numeric" autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('caseActions.bank.holder')}
        name={['changes', 'bankAccount', 'holder']}
        rules={[{ required: true, whitespace: true, message: t('caseActions.bank.required') }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('caseActions.bank.reason')}
        name="reason"
        rules={[{ required: true, whitespace: true, message: t('caseActions.bank.required') }]}
      >
        <Input maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={correct.isPending}>
        {t('caseActions.bank.submit')}
      </Button>
    </Form>
  );
}
