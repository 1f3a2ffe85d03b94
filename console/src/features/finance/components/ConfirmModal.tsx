// 确认拨付: finance confirms a payment made by hand with its voucher number (凭证号).
import { Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatFen } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { newIdempotencyKey } from '../../../shared/idempotency';
import { type CaseView, useConfirmDisbursement } from '../api/finance';

export function ConfirmModal({ caseView, onClose }: { caseView: CaseView; onClose: () => void }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const [form] = Form.useForm<{ voucherNo: string }>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const confirm = useConfirmDisbursement();

  const submit = async () => {
    const { voucherNo } = await form.validateFields();
    await confirm.mutateAsync({ caseId: caseView.caseId, voucherNo: voucherNo.trim(), idempotencyKey });
    onClose();
  };

  return (
    <Modal
      open
      title={t('finance.confirm')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={confirm.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('finance.columns.case')}>{caseView.caseId}</Descriptions.Item>
        <Descriptions.Item label={t('finance.columns.amount')}>
          {caseView.subsidy ? formatFen(caseView.subsidy.amountFen) : ''}
        </Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical">
        <Form.Item
          name="voucherNo"
          label={word('subsidy', 'voucherNo')}
          rules={[
            { required: true, whitespace: true, message: t('finance.voucherRequired') },
            { pattern: /^[A-Za-z0-9\-/]{1,64}$/, message: t('finance.voucherFormat') },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
      </Form>
      <ErrorAlert error={confirm.error} />
    </Modal>
  );
}
