// 统计分析 (civil affairs, finance, auditors): their jurisdiction's cases by stage per league or
// banner, the pathway split, the subsidy paid and owed by funding share, overdue tasks by department
// and registrations and closures per month. The division narrowed to is in the URL (?division=);
// every chart and every figure of its table opens the 个案 list of what it counts.
import { Card, Form, Select, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDateTime } from '../../../shared/format';
import { useSearchState } from '../../../shared/url/searchState';
import { useSummary } from '../api/summary';
import { MonthlyFlow } from './MonthlyFlow';
import { OverdueByDepartment } from './OverdueByDepartment';
import { PathwaySplit } from './PathwaySplit';
import { StageByDivision } from './StageByDivision';
import { SubsidyShares } from './SubsidyShares';

function parse(params: URLSearchParams) {
  const division = params.get('division');
  return { division: division && /^\d{6}$/.test(division) ? division : undefined };
}

export function StatisticsPage() {
  const { t } = useTranslation();
  const [{ division }, setFilters] = useSearchState(useCallback(parse, []));
  const report = useSummary(division);
  const summary = report.data;
  const own = summary?.divisions[0]?.division;

  return (
    <>
      <Typography.Title level={1}>{t('statistics.title')}</Typography.Title>
      <Card className="filter-card">
        <Form layout="inline">
          <Form.Item label={t('statistics.division')} htmlFor="statistics-division">
            <Select
              id="statistics-division"
              showSearch
              optionFilterProp="label"
              className="statistics-division"
              loading={report.isLoading}
              value={division ?? own}
              onChange={(value: string) => setFilters({ division: value === own ? undefined : value })}
              options={(summary?.divisions ?? []).map((d) => ({
                value: d.division,
                label: `${d.name}（${d.division}）`,
              }))}
            />
          </Form.Item>
          {summary ? (
            <Typography.Text type="secondary">
              {t('statistics.generatedAt', { at: formatDateTime(summary.generatedAt) })}
            </Typography.Text>
          ) : null}
        </Form>
      </Card>
      <ErrorAlert error={report.error} />
      {summary ? (
        <div className="statistics-sections">
          <StageByDivision summary={summary} />
          <PathwaySplit summary={summary} division={division} />
          <SubsidyShares summary={summary} division={division} />
          <OverdueByDepartment summary={summary} division={division} />
          <MonthlyFlow summary={summary} division={division} />
        </div>
      ) : null}
    </>
  );
}
