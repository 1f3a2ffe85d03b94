// 政策: every version of each policy for the administrator's division and those above it,
// read-only; the version cases of this division use today highlighted and opened, each version's
// content in words (PolicyBody) with its JSON beneath.
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDate } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { type PolicyVersion, usePolicies } from '../api/admin';
import { PolicyBody } from './PolicyBody';

export function PoliciesPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const policies = usePolicies();
  const asOf = policies.data?.asOf;

  const state = (v: PolicyVersion) =>
    v.applies ? (
      <Tag className="status-tag--info" variant="outlined">
        {t('admin.applies')}
      </Tag>
    ) : v.inForce ? (
      <Tag className="status-tag--ok" variant="outlined">
        {t('admin.inForce')}
      </Tag>
    ) : asOf && v.effectiveFrom > asOf ? (
      <Tag className="status-tag--warn" variant="outlined">
        {t('admin.notYet')}
      </Tag>
    ) : (
      <Tag>{t('admin.superseded')}</Tag>
    );

  return (
    <>
      <Typography.Title level={1}>{t('admin.policiesTitle')}</Typography.Title>
      <Typography.Paragraph>{t('admin.policiesIntro')}</Typography.Paragraph>
      {asOf ? <Typography.Paragraph>{t('admin.asOf', { date: formatDate(asOf) })}</Typography.Paragraph> : null}
      <ErrorAlert error={policies.error} />
      {policies.isLoading ? <Card loading /> : null}
      {(policies.data?.policies ?? []).map((p) => (
        <Card key={p.name} className="page-card" title={<h2 className="card-heading">{word('policyName', p.name)}</h2>}>
          <Table<PolicyVersion>
            rowKey="policyId"
            size="middle"
            pagination={false}
            dataSource={p.versions}
            rowClassName={(v) => (v.applies ? 'policy-row--applies' : '')}
            expandable={{
              defaultExpandedRowKeys: p.versions.filter((v) => v.applies).map((v) => v.policyId),
              expandedRowRender: (v) => <PolicyBody name={p.name} version={v} />,
            }}
            locale={{ emptyText: <span className="table-empty">{t('admin.noVersions')}</span> }}
            columns={[
              { title: t('admin.division'), dataIndex: 'division', key: 'division' },
              { title: t('admin.effectiveFrom'), key: 'effectiveFrom', render: (_, v) => formatDate(v.effectiveFrom) },
              { title: t('admin.note'), dataIndex: 'note', key: 'note' },
              { title: t('admin.status'), key: 'state', render: (_, v) => state(v) },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
