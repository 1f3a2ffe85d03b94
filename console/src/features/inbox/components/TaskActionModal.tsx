// The assignee's three actions as one dialog each: 办结 (outcome and note), 报告阻碍 (a reason,
// which escalates), 转办 (to an officer or an office of a division, with a reason). The key made
// when the dialog opens goes with every submit, so a double click acts once.
import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { newIdempotencyKey } from '../../../shared/idempotency';
import { type Task, useBlockTask, useCompleteTask, useReassignTask } from '../api/tasks';

export type TaskAction = 'complete' | 'block' | 'reassign';

interface Values {
  outcome?: string;
  note?: string;
  reason?: string;
  assigneeSub?: string;
  division?: string;
}

export function TaskActionModal({ action, task, onClose }: { action: TaskAction; task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const complete = useCompleteTask();
  const block = useBlockTask();
  const reassign = useReassignTask();
  const mutation = action === 'complete' ? complete : action === 'block' ? block : reassign;
  const annualReview = task.kind === 'destitute_annual_review';

  const submit = async () => {
    const values = await form.validateFields();
    const keyed = { taskId: task.taskId, idempotencyKey };
    if (action === 'complete')
      await complete.mutateAsync({
        ...keyed,
        body: { outcome: values.outcome!.trim(), note: values.note?.trim() ?? '' },
      });
    else if (action === 'block') await block.mutateAsync({ ...keyed, body: { reason: values.reason!.trim() } });
    else
      await reassign.mutateAsync({
        ...keyed,
        body: {
          reason: values.reason!.trim(),
          ...(values.assigneeSub?.trim() ? { assigneeSub: values.assigneeSub.trim() } : {}),
          ...(values.division?.trim() ? { division: values.division.trim() } : {}),
        },
      });
    onClose();
  };

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Modal
      open
      title={t(`inbox.${action}`)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark>
        {action === 'complete' ? (
          <>
            <Form.Item
              name="outcome"
              label={t('inbox.columns.outcome')}
              rules={required(t('inbox.outcomeRequired'))}
              initialValue={annualReview ? undefined : t('inbox.defaultOutcome')}
            >
              {annualReview ? (
                <Select
                  options={[
                    { value: 'continue', label: t('inbox.annualReview.continue') },
                    { value: 'end', label: t('inbox.annualReview.end') },
                  ]}
                />
              ) : (
                <Input maxLength={200} />
              )}
            </Form.Item>
            <Form.Item name="note" label={t('inbox.note')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'reassign' ? (
          <>
            <Form.Item name="assigneeSub" label={t('inbox.assigneeSub')} extra={t('inbox.reassignHint')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="division"
              label={t('inbox.columns.division')}
              rules={[{ pattern: /^\d{6}$/, message: t('inbox.divisionFormat') }]}
            >
              <Input maxLength={6} inputMode="numeric" />
            </Form.Item>
          </>
        ) : null}
        {action !== 'complete' ? (
          <Form.Item
            name="reason"
            label={action === 'block' ? t('inbox.blockReason') : t('inbox.reassignReason')}
            rules={required(t('inbox.reasonRequired'))}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
      </Form>
      <ErrorAlert error={mutation.error} />
    </Modal>
  );
}
