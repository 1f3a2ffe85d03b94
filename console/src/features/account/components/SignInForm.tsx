// Username and password → POST /auth/login. A wrong pair gets one message for both, as the API
// gives it; a lockout says how long to wait.
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { type SessionInfo } from '../../../shared/session';
import { useLogin } from '../api/auth';

interface Values {
  username: string;
  password: string;
}

export function SignInForm({ onSignedIn, username }: { onSignedIn: (info: SessionInfo) => void; username?: string }) {
  const { t } = useTranslation();
  const login = useLogin();
  const wrongPassword = login.error instanceof ApiError && login.error.status === 401;
  return (
    <Form<Values>
      layout="vertical"
      requiredMark={false}
      initialValues={{ username: username ?? '' }}
      onFinish={(values) => login.mutate(values, { onSuccess: onSignedIn })}
    >
      {wrongPassword ? (
        <Form.Item>
          <div role="alert" className="form-error">
            {t('errors.invalidCredentials')}
          </div>
        </Form.Item>
      ) : login.error ? (
        <Form.Item>
          <ErrorAlert error={login.error} />
        </Form.Item>
      ) : null}
      <Form.Item
        label={t('auth.username')}
        name="username"
        rules={[{ required: true, message: t('auth.usernameRequired') }]}
      >
        <Input autoComplete="username" autoFocus={!username} />
      </Form.Item>
      <Form.Item
        label={t('auth.password')}
        name="password"
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus={Boolean(username)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {login.isPending ? t('auth.signingIn') : t('auth.signIn')}
      </Button>
    </Form>
  );
}
