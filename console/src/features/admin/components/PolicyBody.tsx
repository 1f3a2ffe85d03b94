// A policy version's body in words: durations as a list of time limits, a task plan as a table per
// pathway, the destitute criteria as their categories and grades. Anything it does not recognise
// shows only as the JSON block beneath, which every version has (collapsed).
import { Collapse, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useGlossary } from '../../../shared/glossary';
import type { PolicyVersion } from '../api/admin';

type Duration = { days: number } | { workingDays: number } | { months: number } | { seconds: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
function isDuration(v: unknown): v is Duration {
  return isObject(v) && ['days', 'workingDays', 'months', 'seconds'].some((k) => typeof v[k] === 'number');
}

function useDurationWords(): (d: unknown) => string {
  const { t } = useTranslation();
  return (d) => {
    if (!isDuration(d)) return JSON.stringify(d);
    if ('days' in d) return t('admin.durationDays', { count: d.days });
    if ('workingDays' in d) return t('admin.durationWorkingDays', { count: d.workingDays });
    if ('months' in d) return t('admin.durationMonths', { count: d.months });
    return t('admin.durationSeconds', { count: d.seconds });
  };
}

const DURATION_FIELDS = [
  'transitionLeadTime',
  'reassessmentLeadTime',
  'reminderBeforeDue',
  'escalationInterval',
  'destituteReviewInterval',
] as const;

function Durations({ body }: { body: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const word = useGlossary();
  const duration = useDurationWords();
  const sla = isObject(body.taskSla) ? Object.entries(body.taskSla) : [];
  const followUps = Array.isArray(body.followUpsAfterPlacement) ? body.followUpsAfterPlacement : [];
  const kindWord = (k: string) =>
    k === 'default'
      ? t('admin.taskSlaDefault')
      : i18n.exists(`glossary.taskKind.${k}`)
        ? word('taskKind', k)
        : word('stage', k);
  return (
    <Descriptions size="small" column={1} bordered>
      {DURATION_FIELDS.filter((f) => f in body).map((f) => (
        <Descriptions.Item key={f} label={t(`admin.${f}`)}>
          {duration(body[f])}
        </Descriptions.Item>
      ))}
      {followUps.length > 0 ? (
        <Descriptions.Item label={t('admin.followUpsAfterPlacement')}>
          {followUps.map(duration).join('、')}
        </Descriptions.Item>
      ) : null}
      {sla.length > 0 ? (
        <Descriptions.Item label={t('admin.taskSla')}>
          <ul className="plain-list">
            {sla
              .sort(([a], [b]) => (a === 'default' ? 1 : b === 'default' ? -1 : 0))
              .map(([k, d]) => (
                <li key={k}>{`${kindWord(k)}：${duration(d)}`}</li>
              ))}
          </ul>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

interface PlanRow {
  kind: string;
  department: string;
  when: string;
}

function TaskPlan({ body }: { body: Record<string, unknown> }) {
  const { t } = useTranslation();
  const word = useGlossary();
  return (
    <>
      {Object.entries(body).map(([pathway, items]) =>
        Array.isArray(items) ? (
          <div key={pathway}>
            <Typography.Title level={3} className="card-heading">
              {word('pathway', pathway)}
            </Typography.Title>
            <Table<PlanRow>
              size="small"
              rowKey={(r) => `${r.kind}-${r.department}-${r.when}`}
              pagination={false}
              dataSource={items.filter(isObject).map((i) => ({
                kind: String(i.kind),
                department: String(i.department),
                when: String(i.when),
              }))}
              columns={[
                { title: t('admin.planItem'), key: 'kind', render: (_, r) => word('taskKind', r.kind) },
                {
                  title: t('admin.planDepartment'),
                  key: 'department',
                  render: (_, r) => word('department', r.department),
                },
                { title: t('admin.planWhen'), key: 'when', render: (_, r) => word('planCondition', r.when) },
              ]}
            />
          </div>
        ) : null,
      )}
    </>
  );
}

function DestituteCriteria({ body }: { body: Record<string, unknown> }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const list = Array.isArray(body.unableToWorkDisabilities) ? body.unableToWorkDisabilities.filter(isObject) : [];
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('admin.unableToWork')}>
        <ul className="plain-list">
          {list.map((d) => (
            <li key={String(d.category)}>
              {`${word('disability', String(d.category))}：${t('admin.maxGrade', { grade: word('disabilityGrade', String(d.maxGrade)) })}`}
            </li>
          ))}
        </ul>
      </Descriptions.Item>
      {typeof body.seriousIllnessMeansUnableToWork === 'boolean' ? (
        <Descriptions.Item label={t('admin.seriousIllness')}>
          {body.seriousIllnessMeansUnableToWork ? t('common.yes') : t('common.no')}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

export function PolicyBody({ name, version }: { name: string; version: PolicyVersion }) {
  const { t } = useTranslation();
  const body = version.body;
  return (
    <>
      {name === 'durations' ? <Durations body={body} /> : null}
      {name === 'task_plan' ? <TaskPlan body={body} /> : null}
      {name === 'destitute_criteria' ? <DestituteCriteria body={body} /> : null}
      <Collapse
        size="small"
        className="section-card"
        items={[
          {
            key: 'json',
            label: t('admin.rawBody'),
            children: <pre className="policy-json">{JSON.stringify(body, null, 2)}</pre>,
          },
        ]}
      />
    </>
  );
}
