// Valid, unique resident ID numbers and registration bodies at benchmark scale. The fixtures'
// idNumberFor() draws its sequence at random, which collides within a few hundred numbers of one
// birth date; here the index picks the birth date (1,000 numbers per day) and the sequence.
import { computeCheckDigit } from '../../domain/idNumber.js';
import { addDays, adulthoodDate, shanghaiDateOf, startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import type { CaseInput } from '../../workflows/case/state.js';

export type Age = 'adult' | 'minor';

/** Adults turned 18 a month or more ago (the case starts in assessment); minors turn 18 in 3–12 months. */
function birthDate(age: Age, dayOffset: number): string {
  const today = shanghaiDateOf(new Date());
  const [y, m, d] = today.split('-');
  const years = age === 'adult' ? 18 : 17;
  const base = `${Number(y) - years}-${m}-${d === '29' && m === '02' ? '28' : d}`;
  // Minors: 17 years old today plus up to 250 days, so adulthood stays over 100 days away and the
  // case sleeps on its transition-planning timer.
  if (age === 'minor' && dayOffset > 250) throw new RangeError('too many minors for distinct ID numbers');
  return addDays(base, -(age === 'adult' ? 30 + dayOffset : dayOffset));
}

export function uniqueIdNumber(age: Age, index: number): { idNumber: string; birthDate: string } {
  const date = birthDate(age, Math.floor(index / 1000));
  const first17 = `150102${date.replace(/-/g, '')}${String(index % 1000).padStart(3, '0')}`;
  return { idNumber: first17 + computeCheckDigit(first17), birthDate: date };
}

export interface BodyOptions {
  hukouType?: 'urban' | 'rural' | 'pastoral';
  division?: string;
}

export function registrationBody(age: Age, index: number, o: BodyOptions = {}) {
  const { idNumber } = uniqueIdNumber(age, index);
  return {
    person: {
      name: '测试青年',
      idNumber,
      hukouType: o.hukouType ?? 'urban',
      bankAccount: { bank: '中国农业银行', accountNo: '6228480012345678', holder: '测试青年' },
    },
    division: o.division ?? '150102',
  };
}

/** The workflow input registration builds for the same youth, for starting the workflow directly. */
export function caseInput(
  caseId: string,
  age: Age,
  index: number,
  institutionId = 'inst-hohhot-1',
  division = '150102',
): CaseInput {
  const { birthDate: born } = uniqueIdNumber(age, index);
  const adulthood = adulthoodDate(born);
  return {
    caseId,
    institutionId,
    division,
    adulthoodDate: adulthood,
    adulthoodAt: startOfShanghaiDay(adulthood).toISOString(),
    facts: {
      hukouType: 'urban',
      disability: null,
      seriousIllness: false,
      inFullTimeEducationUntil: null,
      hasBankAccount: true,
    },
    registeredBy: { sub: `user-${institutionId}`, role: 'institution', org: institutionId, division },
  };
}
