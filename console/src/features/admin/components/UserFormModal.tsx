// Creating an account (username, name, role, org, division, e-mail) or changing one (all but the
// username). The API's refusals stand at their field: a taken username (409), a field it refuses
// (400); any other refusal (a division above the administrator's: 403) in an alert.
import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { asFormFields, fieldErrorsOf } from '../../../shared/fieldErrors';
import { useGlossary } from '../../../shared/glossary';
import { type AdminUser, type CreateUserBody, ROLES, type UserRole, useCreateUser, useUpdateUser } from '../api/users';
import { DEPARTMENTS } from './words';

interface Values {
  username?: string;
  displayName?: string;
  role?: UserRole;
  org?: string;
  division?: string;
  email?: string;
}
const FIELDS = ['username', 'displayName', 'role', 'org', 'division', 'email'] as const;

export type Created = AdminUser & { oneTimePassword: string };

export function UserFormModal({
  user,
  defaultDivision,
  onCreated,
  onClose,
}: {
  /** The account to change; none to create one. */
  user?: AdminUser;
  defaultDivision: string;
  onCreated: (created: Created) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const word = useGlossary();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const [shownError, setShownError] = useState<unknown>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setShownError(null);
    const email = v.email?.trim() ? v.email.trim() : null;
    try {
      if (user) {
        await update.mutateAsync({
          userId: user.userId,
          body: {
            displayName: v.displayName!.trim(),
            role: v.role!,
            org: v.org!.trim(),
            division: v.division!.trim(),
            email,
          },
        });
        onClose();
      } else {
        const body: CreateUserBody = {
          username: v.username!.trim(),
          displayName: v.displayName!.trim(),
          role: v.role!,
          org: v.org!.trim(),
          division: v.division!.trim(),
          ...(email ? { email } : {}),
        };
        onCreated(await create.mutateAsync(body));
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT' && error.field === 'username') {
        form.setFields([{ name: 'username', errors: [t('admin.usernameTaken')] }]);
        return;
      }
      const fields = fieldErrorsOf(error, FIELDS);
      if (fields.length > 0) form.setFields(asFormFields(fields));
      else setShownError(error);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('admin.required', { field }) }];
  return (
    <Modal
      open
      title={user ? t('admin.editUser') : t('admin.createUser')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <Form
        name="user"
        form={form}
        layout="vertical"
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                org: user.org,
                division: user.division,
                email: user.email ?? '',
              }
            : { division: defaultDivision }
        }
        onValuesChange={(changed: Values) => {
          // A department's org is one of the departments; another role's is typed: start afresh.
          if (changed.role !== undefined && (changed.role === 'department') !== (role === 'department'))
            form.setFieldValue('org', undefined);
        }}
      >
        <Form.Item label={t('admin.username')} name="username" rules={required(t('admin.username'))}>
          <Input autoComplete="off" disabled={user !== undefined} maxLength={64} />
        </Form.Item>
        <Form.Item label={t('admin.displayName')} name="displayName" rules={required(t('admin.displayName'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('admin.role')}
          name="role"
          rules={[{ required: true, message: t('admin.required', { field: t('admin.role') }) }]}
        >
          <Select options={ROLES.map((r) => ({ value: r, label: word('role', r) }))} />
        </Form.Item>
        {role === 'department' ? (
          <Form.Item
            label={t('admin.department')}
            name="org"
            rules={[{ required: true, message: t('admin.required', { field: t('admin.department') }) }]}
          >
            <Select options={DEPARTMENTS.map((d) => ({ value: d, label: word('department', d) }))} />
          </Form.Item>
        ) : (
          <Form.Item label={t('admin.org')} name="org" extra={t('admin.orgHint')} rules={required(t('admin.org'))}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item
          label={t('admin.division')}
          name="division"
          extra={t('admin.divisionHint')}
          rules={[...required(t('admin.division')), { pattern: /^\s*\d{6}\s*$/, message: t('admin.divisionInvalid') }]}
        >
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Form.Item label={t('admin.email')} name="email" rules={[{ type: 'email', message: t('admin.emailInvalid') }]}>
          <Input type="email" maxLength={254} />
        </Form.Item>
      </Form>
      <ErrorAlert error={shownError} />
    </Modal>
  );
}
