// 用户管理: the accounts within the administrator's division, filtered by role, org and status (in
// the URL); create one (its one-time password shown once), change it, disable or enable it
// (disabling ends its sessions), reset its password (a new one-time password, shown once).
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { useUser } from '../../../shared/session';
import { oneOf, useSearchState } from '../../../shared/url/searchState';
import { type AdminUser, ROLES, type UserFilters, useResetPassword, useUpdateUser, useUserList } from '../api/users';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { UserFormModal } from './UserFormModal';

const STATUSES = ['active', 'disabled'] as const;

function parseFilters(params: URLSearchParams) {
  const org = params.get('org')?.trim();
  return {
    role: oneOf(ROLES, params.get('role')),
    org: org ? org : undefined,
    status: oneOf(STATUSES, params.get('status')),
  };
}

type Confirming = { kind: 'disable' | 'enable' | 'reset'; user: AdminUser };

export function UsersPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const me = useUser();
  const { message } = App.useApp();
  const [filters, setFilters, resetFilters] = useSearchState(useCallback(parseFilters, []));
  const query: UserFilters = {
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.org ? { org: filters.org } : {}),
    ...(filters.status ? { disabled: filters.status === 'disabled' } : {}),
  };
  const list = useUserList(query);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const update = useUpdateUser();
  const reset = useResetPassword();
  const confirmMutation = confirming?.kind === 'reset' ? reset : update;

  const confirm = async () => {
    if (!confirming) return;
    const { kind, user } = confirming;
    if (kind === 'reset') {
      const answer = await reset.mutateAsync(user.userId);
      setConfirming(null);
      setPassword({ username: user.username, password: answer.oneTimePassword });
    } else {
      await update.mutateAsync({ userId: user.userId, body: { disabled: kind === 'disable' } });
      setConfirming(null);
      void message.success(t('admin.saved'));
    }
  };

  const orgWord = (u: AdminUser) => (u.role === 'department' ? word('department', u.org) : u.org);
  const columns: ColumnsType<AdminUser> = [
    { title: t('admin.username'), dataIndex: 'username', key: 'username' },
    { title: t('admin.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('admin.role'), key: 'role', render: (_, u) => word('role', u.role) },
    { title: t('admin.org'), key: 'org', render: (_, u) => orgWord(u) },
    { title: t('admin.division'), dataIndex: 'division', key: 'division' },
    { title: t('admin.email'), key: 'email', render: (_, u) => u.email ?? t('common.none') },
    {
      title: t('admin.status'),
      key: 'status',
      render: (_, u) => (
        <Space size="small" wrap>
          {u.disabled ? (
            <Tag className="status-tag--bad" variant="outlined">
              {t('admin.disabled')}
            </Tag>
          ) : (
            <Tag className="status-tag--ok" variant="outlined">
              {t('admin.active')}
            </Tag>
          )}
          {u.mustChangePassword && !u.disabled ? <Tag>{t('admin.mustChangePassword')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('admin.signIn'),
      key: 'signIn',
      render: (_, u) => (u.signIn === 'password' ? t('admin.signInPassword') : t('admin.signInProvider')),
    },
    {
      title: t('admin.lastSignInAt'),
      key: 'lastSignInAt',
      render: (_, u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt) : t('admin.never')),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, u) => {
        const self = u.userId === me.userId;
        return (
          <Space size="small" wrap>
            <Button size="small" onClick={() => setEditing(u)} aria-label={`${t('admin.edit')} ${u.username}`}>
              {t('admin.edit')}
            </Button>
            {self ? null : (
              <Button
                size="small"
                danger={!u.disabled}
                onClick={() => setConfirming({ kind: u.disabled ? 'enable' : 'disable', user: u })}
                aria-label={`${u.disabled ? t('admin.enable') : t('admin.disable')} ${u.username}`}
              >
                {u.disabled ? t('admin.enable') : t('admin.disable')}
              </Button>
            )}
            {u.signIn === 'password' ? (
              <Button
                size="small"
                onClick={() => setConfirming({ kind: 'reset', user: u })}
                aria-label={`${t('admin.resetPassword')} ${u.username}`}
              >
                {t('admin.resetPassword')}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('admin.usersTitle')}</Typography.Title>
      <Card className="filter-card">
        <Form
          name="userFilters"
          layout="inline"
          key={JSON.stringify(filters)}
          initialValues={filters}
          onFinish={(values: Record<string, string | undefined>) =>
            setFilters({
              role: oneOf(ROLES, values.role ?? null),
              org: values.org?.trim() || undefined,
              status: oneOf(STATUSES, values.status ?? null),
            })
          }
        >
          <Form.Item label={t('admin.role')} name="role">
            <Select
              allowClear
              placeholder={t('admin.any')}
              className="filter-select"
              options={ROLES.map((r) => ({ value: r, label: word('role', r) }))}
            />
          </Form.Item>
          <Form.Item label={t('admin.org')} name="org">
            <Input className="filter-division" maxLength={100} />
          </Form.Item>
          <Form.Item label={t('admin.status')} name="status">
            <Select
              allowClear
              placeholder={t('admin.any')}
              className="filter-select"
              options={[
                { value: 'active', label: t('admin.active') },
                { value: 'disabled', label: t('admin.disabled') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button onClick={resetFilters}>{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Space className="list-footer">
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.createUser')}
        </Button>
      </Space>
      <ErrorAlert error={list.error} />
      <Table<AdminUser>
        rowKey="userId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span className="table-empty">{t('admin.empty')}</span> }}
      />
      <Space className="list-footer">
        <Typography.Text>{t('admin.shown', { count: items.length })}</Typography.Text>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Space>

      {editing ? (
        <UserFormModal
          {...(editing === 'new' ? {} : { user: editing })}
          defaultDivision={me.division}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            setEditing(null);
            setPassword({ username: created.username, password: created.oneTimePassword });
          }}
        />
      ) : null}
      {confirming ? (
        <Modal
          open
          title={t(`admin.${confirming.kind}Title`, { name: confirming.user.displayName })}
          okText={
            confirming.kind === 'reset'
              ? t('admin.resetPassword')
              : confirming.kind === 'disable'
                ? t('admin.disable')
                : t('admin.enable')
          }
          okButtonProps={{ danger: confirming.kind !== 'enable' }}
          cancelText={t('common.cancel')}
          confirmLoading={confirmMutation.isPending}
          onOk={() => void confirm().catch(() => undefined)}
          onCancel={() => {
            update.reset();
            reset.reset();
            setConfirming(null);
          }}
          destroyOnHidden
        >
          <Typography.Paragraph>{t(`admin.${confirming.kind}Explanation`)}</Typography.Paragraph>
          <ErrorAlert error={confirmMutation.error} />
        </Modal>
      ) : null}
      {password ? (
        <OneTimePasswordModal
          username={password.username}
          password={password.password}
          onClose={() => setPassword(null)}
        />
      ) : null}
    </>
  );
}
