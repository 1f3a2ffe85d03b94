// POST /auth/password: the current password, the new one twice. The API's policy is the rule;
// its refusal is shown next to the field it names.
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { useChangePassword } from '../api/auth';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const onFinish = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onChanged();
        },
        onError: (error) => {
          const field = error instanceof ApiError ? error.field : undefined;
          if (field === 'currentPassword' || field === 'newPassword') {
            form.setFields([{ name: field, errors: [error.message] }]);
          }
        },
      },
    );
  const fieldError = change.error instanceof ApiError && change.error.field;
  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
      {change.error && !fieldError ? (
        <Form.Item>
          <ErrorAlert error={change.error} />
        </Form.Item>
      ) : null}
      <Form.Item
        label={t('auth.currentPassword')}
        name="currentPassword"
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('auth.newPassword')}
        name="newPassword"
        extra={t('auth.passwordRule')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('auth.confirmPassword')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.passwordRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('auth.changePassword')}
      </Button>
    </Form>
  );
}
