// 补贴标准 (standards): every version by division with its effective date, amount, 自治区补助 and
// 地方承担, and its standing today; the division filter in the URL. Civil affairs proposes a new
// version here; finance is led to 待会签.
import { Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDate, formatFenInTable } from '../../../shared/format';
import { useUser } from '../../../shared/session';
import { useSearchState } from '../../../shared/url/searchState';
import { useStandards } from '../api/standards';
import { type Standing, type StandardRow, standardRows } from '../model';
import { ProposeStandardForm } from './ProposeStandardForm';

const STANDING_TAG: Record<Standing, string | undefined> = {
  proposed: 'status-tag--pending',
  scheduled: 'status-tag--info',
  inForce: 'status-tag--good',
  superseded: undefined,
};

const parseFilter = (params: URLSearchParams) => {
  const division = params.get('division');
  return { division: division && /^\d{6}$/.test(division) ? division : undefined };
};

export function StandardsPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const standards = useStandards();
  const [filter, setFilter] = useSearchState(parseFilter);
  const rows = useMemo(() => standardRows(standards.data?.items ?? [], formatDate(new Date())), [standards.data]);
  const divisions = [...new Set(rows.map((r) => r.division))];
  const shown = filter.division ? rows.filter((r) => r.division === filter.division) : rows;
  const proposed = rows.filter((r) => r.standing === 'proposed').length;
  const money = (fen: number) => formatFenInTable(fen, i18n.language);

  const columns: ColumnsType<StandardRow> = [
    { title: t('standards.columns.division'), dataIndex: 'division', key: 'division' },
    { title: t('standards.columns.effectiveFrom'), key: 'from', render: (_, s) => formatDate(s.effectiveFrom) },
    { title: t('standards.columns.amount'), key: 'amount', align: 'right', render: (_, s) => money(s.amountFen) },
    {
      title: t('standards.columns.regionalShare'),
      key: 'regional',
      align: 'right',
      render: (_, s) => money(s.regionalShareFen),
    },
    {
      title: t('standards.columns.localShare'),
      key: 'local',
      align: 'right',
      render: (_, s) => money(s.localShareFen),
    },
    {
      title: t('standards.columns.status'),
      key: 'status',
      render: (_, s) => (
        <Tag variant="outlined" className={STANDING_TAG[s.standing]}>
          {t(`standards.status.${s.standing}`)}
        </Tag>
      ),
    },
    { title: t('standards.columns.basis'), dataIndex: 'basis', key: 'basis' },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('standards.title')}</Typography.Title>
      <Typography.Paragraph>{t('standards.intro')}</Typography.Paragraph>
      <Flex vertical gap="large">
        <Space wrap>
          <Select
            aria-label={t('standards.division')}
            className="form-page__select"
            allowClear
            placeholder={t('standards.allDivisions')}
            value={filter.division}
            onChange={(division?: string) => setFilter({ division })}
            options={divisions.map((d) => ({ value: d, label: d }))}
          />
          {user.role === 'finance' ? (
            <Link to="/standards/cosign">{t('standards.toCosign', { count: proposed })}</Link>
          ) : null}
        </Space>
        <ErrorAlert error={standards.error} />
        <Table<StandardRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={shown}
          loading={standards.isLoading}
          pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: <span className="table-empty">{t('standards.empty')}</span> }}
        />
        {user.role === 'civil_affairs' ? <ProposeStandardForm /> : null}
      </Flex>
    </>
  );
}
