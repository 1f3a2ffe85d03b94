// The 节假日 page's reading of what an administrator types (one day a line) and of a JSON file of
// the API's body: the days it sends, and each line it cannot send named by its number.
import { describe, expect, it } from 'vitest';
import { parseDayLines, repeatedDates, scheduleFromJson } from '../../console/src/features/admin/calendarLines';

describe('parseDayLines', () => {
  it('reads a date and a name per line, skipping blank lines, with either separator', () => {
    expect(parseDayLines('2027-10-01 国庆节\n\n 2027-10-02，国庆节 \r\n', 'holiday', 2027)).toEqual({
      days: [
        { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2027-10-02', kind: 'holiday', name: '国庆节' },
      ],
      problems: [],
    });
  });

  it('names an impossible date, a line without a name, and a date of another year by line', () => {
    const { days, problems } = parseDayLines(
      '2027-02-29 春节\n2027-01-01\n2026-12-31 元旦\n2027-01-01 元旦',
      'holiday',
      2027,
    );
    expect(days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(problems).toEqual([
      { problem: 'invalid', line: 1, text: '2027-02-29 春节' },
      { problem: 'invalid', line: 2, text: '2027-01-01' },
      { problem: 'outsideYear', line: 3 },
    ]);
  });

  it('finds a date listed both as a holiday and as a make-up working day', () => {
    const days = [
      ...parseDayLines('2027-10-01 国庆节', 'holiday', 2027).days,
      ...parseDayLines('2027-10-01 国庆节\n2027-10-09 国庆节', 'makeup_workday', 2027).days,
    ];
    expect(repeatedDates(days)).toEqual(['2027-10-01']);
  });
});

describe('scheduleFromJson', () => {
  it("fills the form from the API's body, the year from its dates", () => {
    const body = {
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'makeup_workday', name: '春节' },
      ],
    };
    expect(scheduleFromJson(JSON.stringify(body))).toEqual({
      year: 2027,
      source: body.source,
      holidays: '2027-01-01 元旦',
      makeupWorkdays: '2027-02-06 春节',
    });
  });

  it('refuses what is not a schedule', () => {
    expect(scheduleFromJson('not json')).toBeNull();
    expect(scheduleFromJson('{"source":"x"}')).toBeNull();
    expect(scheduleFromJson('{"days":[{"date":"2027-01-01","kind":"party","name":"x"}]}')).toBeNull();
  });
});
