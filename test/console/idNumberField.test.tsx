// The ID number as it is typed: the rule ported from the server (same check characters for the
// same numbers), and the field's feedback a clerk reads: the wrong character, the impossible birth
// date, the wrong check digit, or the birth date and sex of a valid number.
import { Form } from 'antd';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIdNumber as serverCheck, computeCheckDigit as serverCheckDigit } from '../../domain/idNumber';
import { IdNumberField } from '../../console/src/features/registration/components/IdNumberField';
import { changeLanguage } from '../../console/src/i18n';
import { checkIdNumber, computeCheckDigit } from '../../console/src/shared/idNumber';
import { cleanup, render } from './render';

afterEach(cleanup);

/** Types into an input as a person does: React sees each change. */
async function type(input: HTMLInputElement, value: string): Promise<void> {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
  await act(async () => {
    descriptor.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // The form's watchers and the help's motion settle on the next turns.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
}

function field(submitted = false, serverError?: string) {
  const { container } = render(
    <Form>
      <IdNumberField name={['person', 'idNumber']} submitted={submitted} serverError={serverError} />
    </Form>,
  );
  const input = container.querySelector('input')!;
  // The words shown now (a replaced message may still be fading out).
  const help = () =>
    [...container.querySelectorAll('.ant-form-item-explain > div')]
      .filter((el) => !/leave/.test(el.className))
      .map((el) => el.textContent)
      .join('');
  const isError = () => container.querySelector('.ant-form-item-has-error') !== null;
  return { container, input, help, isError };
}

const withCheck = (first17: string) => first17 + computeCheckDigit(first17);

describe('the ported GB 11643 rule', () => {
  it('gives the server check character for many numbers', async () => {
    for (let i = 0; i < 500; i++) {
      const first17 = `15010${i % 10}20${String(i % 30).padStart(2, '0')}0${(i % 9) + 1}1${(i % 9) + 1}${String(i).padStart(3, '0')}`;
      expect(computeCheckDigit(first17)).toBe(serverCheckDigit(first17));
    }
  });

  it('agrees with the server on valid and invalid numbers', async () => {
    const samples = [
      withCheck('15010220080512001'),
      withCheck('15010220080512002'),
      '150102200805120011',
      '150102200802300013',
      '15010218991231001X',
    ];
    for (const id of samples) {
      expect(checkIdNumber(id, '2026-12-02').status === 'valid').toBe(serverCheck(id, '2026-12-02').ok);
    }
    expect(checkIdNumber(withCheck('15010220080512002'))).toMatchObject({
      status: 'valid',
      sex: 'female',
      birthDate: '2008-05-12',
    });
    expect(checkIdNumber('1501022008051200'.toLowerCase())).toEqual({ status: 'incomplete', length: 16 });
  });
});

describe('IdNumberField', () => {
  it('counts the characters while the number is being typed, without an error', async () => {
    await changeLanguage('zh-CN');
    const f = field();
    await type(f.input, '1501022008');
    expect(f.help()).toBe('已输入 10 位，共 18 位');
    expect(f.isError()).toBe(false);
  });

  it('names a wrong character at once', async () => {
    const f = field();
    await type(f.input, '15010A');
    expect(f.help()).toBe('第 6 位不正确：前 17 位须为数字，第 18 位为数字或 X');
    expect(f.isError()).toBe(true);
  });

  it('refuses an impossible birth date as soon as its digits are typed', async () => {
    const f = field();
    await type(f.input, '15010220080230');
    expect(f.help()).toBe('第 7 至 14 位的出生日期 20080230 不是有效日期');
    expect(f.isError()).toBe(true);
  });

  it('names the wrong check character and the one the first 17 digits require', async () => {
    const f = field();
    const good = withCheck('15010220080512001');
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    await type(f.input, wrong);
    expect(f.help()).toBe(`校验码不正确：第 18 位为 ${wrong[17]}，按前 17 位应为 ${good[17]}`);
    expect(f.isError()).toBe(true);
  });

  it('shows the birth date and sex of a valid number (a lower-case x accepted)', async () => {
    const f = field();
    await type(f.input, withCheck('15010220080512001'));
    expect(f.help()).toBe('出生日期 2008-05-12，性别 男');
    expect(f.isError()).toBe(false);
    cleanup();
    // Find a female number whose check character is X, typed as a lower-case x.
    let first17 = '';
    for (let seq = 2; seq < 1000; seq += 2) {
      first17 = `150102200805120${String(seq).padStart(2, '0')}`.slice(0, 17);
      if (computeCheckDigit(first17) === 'X') break;
    }
    const g = field();
    expect(computeCheckDigit(first17)).toBe('X');
    await type(g.input, `${first17}x`);
    expect(g.help()).toBe('出生日期 2008-05-12，性别 女');
  });

  it('calls an unfinished number an error once the person has tried to submit', async () => {
    const f = field(true);
    await type(f.input, '150102');
    expect(f.help()).toBe('公民身份号码应为 18 位，现为 6 位');
    expect(f.isError()).toBe(true);
  });

  it("shows the server's refusal in place of its own words", async () => {
    const f = field(false, 'person.idNumber: refused');
    await type(f.input, withCheck('15010220080512001'));
    expect(f.help()).toBe('person.idNumber: refused');
    expect(f.isError()).toBe(true);
  });

  it('speaks English after the switch', async () => {
    await changeLanguage('en');
    const f = field();
    await type(f.input, withCheck('15010220080512001'));
    expect(f.help()).toBe('Born 2008-05-12, Male');
    await changeLanguage('zh-CN');
  });
});
