// 个案: the cases in my reach, filtered by stage, pathway, division and overdue tasks. The filters
// are in the URL (a link shares them); a name or ID number searched is not (CaseSearch). The list
// pages on with the API's cursor.
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineTag } from '../../../shared/components/DeadlineTag';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { ExportButtons } from '../../../shared/components/ExportButtons';
import { exportCases } from '../../../shared/export/lists';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { oneOf, useSearchState } from '../../../shared/url/searchState';
import {
  type CaseFilters,
  type CaseSummary,
  DEPARTMENT_FILTERS,
  PATHWAY_FILTERS,
  STAGES,
  SUBSIDY_FILTERS,
  useCaseList,
} from '../api/cases';
import { CaseSearch, SearchRefused, isSearchRefusal } from './CaseSearch';

const OVERDUE = ['true', 'false'] as const;
const month = (value: string | null) => (value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : undefined);
/** The filters 统计分析's figures link with, shown as tags (a tag's close removes its filter). */
const FIGURE_FILTERS = ['overdueDepartment', 'subsidy', 'registeredMonth', 'closedMonth'] as const;

function parseFilters(params: URLSearchParams) {
  const division = params.get('division');
  return {
    stage: oneOf(STAGES, params.get('stage')),
    pathway: oneOf(PATHWAY_FILTERS, params.get('pathway')),
    division: division && /^\d{6}$/.test(division) ? division : undefined,
    overdue: oneOf(OVERDUE, params.get('overdue')),
    overdueDepartment: oneOf(DEPARTMENT_FILTERS, params.get('overdueDepartment')),
    subsidy: oneOf(SUBSIDY_FILTERS, params.get('subsidy')),
    registeredMonth: month(params.get('registeredMonth')),
    closedMonth: month(params.get('closedMonth')),
  };
}

export function CaseListPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const [filters, setFilters, resetFilters] = useSearchState(useCallback(parseFilters, []));
  const query: CaseFilters = {
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.pathway ? { pathway: filters.pathway } : {}),
    ...(filters.division ? { division: filters.division } : {}),
    ...(filters.overdue ? { overdue: filters.overdue === 'true' } : {}),
    ...Object.fromEntries(FIGURE_FILTERS.filter((f) => filters[f]).map((f) => [f, filters[f]])),
  };
  const figureWords = {
    overdueDepartment: (v: string) =>
      t('cases.overdueDepartment', {
        department: v === 'institution' ? word('role', 'institution') : word('department', v),
      }),
    subsidy: (v: string) => (v === 'paid' ? t('cases.subsidyPaid') : t('cases.subsidyOwed')),
    registeredMonth: (v: string) => t('cases.registeredMonth', { month: v }),
    closedMonth: (v: string) => t('cases.closedMonth', { month: v }),
  };
  const [term, setTerm] = useState<string | null>(null);
  const list = useCaseList(query, term);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<CaseSummary> = [
    {
      title: t('cases.name'),
      key: 'name',
      render: (_, c) => <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.person.name}</Link>,
    },
    { title: t('cases.idNumber'), key: 'idNumber', render: (_, c) => c.person.idNumber },
    { title: t('cases.stage'), key: 'stage', render: (_, c) => word('stage', c.stage) },
    { title: t('cases.pathway'), key: 'pathway', render: (_, c) => word('pathway', c.pathway) },
    { title: t('cases.division'), dataIndex: 'division', key: 'division' },
    { title: t('cases.institution'), dataIndex: 'institutionId', key: 'institution' },
    { title: t('cases.adulthoodDate'), key: 'adulthoodDate', render: (_, c) => formatDate(c.adulthoodDate) },
    { title: t('cases.subsidyStatus'), key: 'subsidy', render: (_, c) => word('subsidyStatus', c.subsidyStatus) },
    {
      title: t('cases.openTasks'),
      key: 'openTasks',
      render: (_, c) => (
        <Space size="small">
          {c.openTasks}
          {c.overdue ? <DeadlineTag light="overdue" /> : null}
        </Space>
      ),
    },
    { title: t('cases.updatedAt'), key: 'updatedAt', render: (_, c) => formatDateTime(c.updatedAt) },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('cases.title')}</Typography.Title>
      <CaseSearch term={term} onSearch={setTerm} />
      <Card className="filter-card">
        <Form
          layout="inline"
          // Re-mounted when the URL changes, so the form always shows the filters in force.
          key={JSON.stringify(filters)}
          initialValues={filters}
          onFinish={(values: Record<string, string | undefined>) =>
            setFilters({
              stage: oneOf(STAGES, values.stage ?? null),
              pathway: oneOf(PATHWAY_FILTERS, values.pathway ?? null),
              division: values.division?.trim() || undefined,
              overdue: oneOf(OVERDUE, values.overdue ?? null),
            })
          }
        >
          <Form.Item label={t('cases.stage')} name="stage">
            <Select
              allowClear
              placeholder={t('cases.any')}
              className="filter-select"
              options={STAGES.map((s) => ({ value: s, label: word('stage', s) }))}
            />
          </Form.Item>
          <Form.Item label={t('cases.pathway')} name="pathway">
            <Select
              allowClear
              placeholder={t('cases.any')}
              className="filter-select"
              options={PATHWAY_FILTERS.map((p) => ({
                value: p,
                label: p === 'none' ? t('statistics.pathwayNone') : word('pathway', p),
              }))}
            />
          </Form.Item>
          <Form.Item
            label={t('cases.division')}
            name="division"
            rules={[{ pattern: /^\s*\d{6}\s*$/, message: t('cases.divisionInvalid') }]}
          >
            <Input className="filter-division" inputMode="numeric" maxLength={6} />
          </Form.Item>
          <Form.Item label={t('cases.overdue')} name="overdue">
            <Select
              allowClear
              placeholder={t('cases.any')}
              className="filter-select"
              options={[
                { value: 'true', label: t('cases.overdueOnly') },
                { value: 'false', label: t('cases.noOverdue') },
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
        {FIGURE_FILTERS.some((f) => filters[f]) ? (
          <Space wrap className="figure-filters">
            {FIGURE_FILTERS.map((f) => {
              const v = filters[f];
              return v ? (
                <Tag key={f} closable onClose={() => setFilters({ [f]: undefined })}>
                  {figureWords[f](v)}
                </Tag>
              ) : null;
            })}
          </Space>
        ) : null}
      </Card>
      {/* A search term never goes into a URL, so the export carries the filters only: shown without a search. */}
      {term === null ? <ExportButtons onExport={(format) => exportCases(query, format)} /> : null}
      {term !== null && isSearchRefusal(list.error) ? <SearchRefused term={term} /> : <ErrorAlert error={list.error} />}
      <Table<CaseSummary>
        rowKey="caseId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span className="table-empty">{t('cases.empty')}</span> }}
      />
      <Space className="list-footer">
        <Typography.Text>{t('cases.shown', { count: items.length })}</Typography.Text>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Space>
    </>
  );
}
