// A new webhook subscription: the receiver's URL, the events it wants, the message format and the
// signing secret (never shown again), for the administrator's division or one within it.
import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { useGlossary } from '../../../shared/glossary';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookBody, useCreateWebhook } from '../api/admin';

interface Values {
  url?: string;
  events?: WebhookBody['events'];
  format?: WebhookBody['format'];
  secret?: string;
  division?: string;
}
const FIELDS = ['url', 'events', 'format', 'secret', 'division'] as const;

export function WebhookFormModal({ onCreated, onClose }: { onCreated: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const [shownError, setShownError] = useState<unknown>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setShownError(null);
    try {
      await create.mutateAsync({
        url: v.url!.trim(),
        events: v.events!,
        format: v.format!,
        secret: v.secret!,
        ...(v.division?.trim() ? { division: v.division.trim() } : {}),
      });
      onCreated();
    } catch (error) {
      const fields = fieldErrorsOf(error, FIELDS);
      if (fields.length > 0) form.setFields(asFormFields(fields));
      else setShownError(error);
    }
  };

  const required = (field: string) => ({ required: true, message: t('admin.required', { field }) });
  return (
    <Modal
      open
      title={t('admin.createWebhook')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <Form name="webhook" form={form} layout="vertical" initialValues={{ format: 'json', events: ['task_assigned'] }}>
        <Form.Item
          label={t('admin.url')}
          name="url"
          rules={[required(t('admin.url')), { pattern: /^\s*https?:\/\/\S+\s*$/, message: t('admin.urlInvalid') }]}
        >
          <Input type="url" maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('admin.events')} name="events" rules={[required(t('admin.events'))]}>
          <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: word('webhookEvent', e) }))} />
        </Form.Item>
        <Form.Item label={t('admin.format')} name="format" rules={[required(t('admin.format'))]}>
          <Select options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: word('webhookFormat', f) }))} />
        </Form.Item>
        <Form.Item
          label={t('admin.secret')}
          name="secret"
          extra={t('admin.secretHint')}
          rules={[required(t('admin.secret')), { min: 16, message: t('admin.secretTooShort') }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t('admin.webhookDivision')}
          name="division"
          rules={[{ pattern: /^\s*\d{6}\s*$/, message: t('admin.divisionInvalid') }]}
        >
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
      </Form>
      <ErrorAlert error={shownError} />
    </Modal>
  );
}
