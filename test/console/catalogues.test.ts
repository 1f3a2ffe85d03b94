// One catalogue per language with the same keys, and the glossary covers every code the API can
// send (domain/vocabulary.ts), so no page ever shows a raw code like `social_placement`.
import { describe, expect, it } from 'vitest';
import { en } from '../../console/src/i18n/en';
import { zhCN } from '../../console/src/i18n/zh-CN';
import { ROLES } from '../../domain/access.js';
import { RECOMMENDATION_REASON_CODES } from '../../domain/recommendation.js';
import { API_EVENT_TYPES, CASE_EVENT_TYPES } from '../../domain/eventTypes.js';
import {
  DEPARTMENT_CODES,
  DISABILITY_CATEGORIES,
  DISABILITY_GRADES,
  HUKOU_TYPES,
  PATHWAYS,
  REVIEW_DECISIONS,
  NOTIFICATION_KINDS,
  SELF_CARE_LEVELS,
  SEXES,
  WISHES,
  STAGES,
  SUBSIDY_STATUSES,
  TASK_STATUSES,
  WITHDRAWAL_REASONS,
} from '../../domain/vocabulary.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('catalogues', () => {
  it('zh-CN and English have exactly the same keys, none of them empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const catalogue of [zhCN, en]) {
      for (const key of keys(catalogue)) {
        const text = key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], catalogue);
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('has a word for every code of the vocabulary', () => {
    const sections: Array<[keyof typeof zhCN.glossary, readonly (string | number)[]]> = [
      ['stage', STAGES],
      ['pathway', PATHWAYS],
      ['role', ROLES],
      ['department', DEPARTMENT_CODES],
      ['taskStatus', TASK_STATUSES],
      ['subsidyStatus', SUBSIDY_STATUSES],
      ['hukou', HUKOU_TYPES],
      ['sex', SEXES],
      ['withdrawal', WITHDRAWAL_REASONS],
      ['review', REVIEW_DECISIONS],
      ['disability', DISABILITY_CATEGORIES],
      ['disabilityGrade', DISABILITY_GRADES],
      ['notificationKind', NOTIFICATION_KINDS],
      ['wish', WISHES],
      ['selfCare', SELF_CARE_LEVELS],
      ['recommendationReason', RECOMMENDATION_REASON_CODES],
      ['eventType', [...CASE_EVENT_TYPES, ...API_EVENT_TYPES].map((e) => e.replaceAll('.', '_'))],
    ];
    for (const [section, codes] of sections) {
      for (const code of codes)
        expect(Object.keys(zhCN.glossary[section]), `${section}.${code}`).toContain(String(code));
    }
  });

  it('uses the glossary words of CONSOLE.md', () => {
    expect(zhCN.glossary.stage.social_placement).toBe('社会化安置办理中');
    expect(zhCN.glossary.pathway.destitute_centralized).toBe('特困人员集中供养');
    expect(zhCN.glossary.role.civil_affairs).toBe('民政部门');
    expect(zhCN.deadline).toEqual({ overdue: '已超期', dueSoon: '即将到期', onTime: '正常' });
  });
});
