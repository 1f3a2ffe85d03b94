// The frame of every page after sign-in: the side menu of the person's role, a header with the
// messages bell, the language switch and who is signed in, and the page itself in <main>.
import LogoutOutlined from '@ant-design/icons/LogoutOutlined';
import UserOutlined from '@ant-design/icons/UserOutlined';
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { SessionExpiredModal } from '../../features/account';
import { NotificationBell } from '../../features/notifications';
import { LanguageSwitch } from '../../shared/components/LanguageSwitch';
import { useGlossary } from '../../shared/glossary';
import { useSession, useUser } from '../../shared/session';
import { PATHS, menuFor } from '../menus';

/** The menu entry a location belongs to: the longest menu path it starts with. */
function selectedPath(pathname: string, paths: string[]): string {
  const matches = paths.filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? pathname;
}

export function AppShell() {
  const { t } = useTranslation();
  const word = useGlossary();
  const user = useUser();
  const { signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const entries = menuFor(user.role);

  return (
    <Layout className="shell">
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={0} className="shell__sider" theme="light">
        <div className="shell__brand">{t('app.title')}</div>
        <nav aria-label={t('nav.menu')}>
          <Menu
            mode="inline"
            selectedKeys={[
              selectedPath(
                location.pathname,
                entries.map((e) => e.path),
              ),
            ]}
            items={entries.map((e) => ({ key: e.path, label: <Link to={e.path}>{t(`nav.${e.label}`)}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell__header">
          <Space size="middle">
            <NotificationBell to={PATHS.notifications} />
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'settings',
                    icon: <UserOutlined />,
                    label: t('nav.settings'),
                    onClick: () => void navigate(PATHS.settings),
                  },
                  { key: 'signOut', icon: <LogoutOutlined />, label: t('nav.signOut'), onClick: () => void signOut() },
                ],
              }}
            >
              <Button type="text" title={t('nav.account')}>
                <Typography.Text>{user.displayName ?? user.username}</Typography.Text>
                <Typography.Text type="secondary" className="shell__role">
                  {word('role', user.role)}
                </Typography.Text>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell__content">
          <Outlet />
        </Layout.Content>
      </Layout>
      <SessionExpiredModal />
    </Layout>
  );
}
