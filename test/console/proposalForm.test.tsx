// The proposal's reason rule as a clerk meets it: the recommended pathway goes without a reason; a
// different one is held back until a reason is given; the API's own refusal stands at the field.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../console/src/api/errors';
import { ProposalForm } from '../../console/src/features/caseActions/components/ProposalForm';
import { reasonRequired } from '../../console/src/features/caseActions/proposalRule';
import { changeLanguage } from '../../console/src/i18n';
import { cleanup, render } from './render';

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/** Polls until `check` holds: the form validates and renders its messages over a few turns. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 40 && !check(); i++) await act(settle);
  expect(check()).toBe(true);
}

async function click(el: Element): Promise<void> {
  await act(async () => {
    (el as HTMLElement).click();
    await settle();
  });
}

async function type(el: HTMLTextAreaElement, value: string): Promise<void> {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!;
  await act(async () => {
    descriptor.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
  });
}

function form(onSubmit: (body: unknown) => Promise<unknown>) {
  const { container } = render(<ProposalForm recommended="social_placement" onSubmit={onSubmit} />);
  const radio = (label: string) =>
    [...container.querySelectorAll('label')].find((l) => l.textContent === label)!.querySelector('input')!;
  const submit = () => container.querySelector('button[type="submit"]')!;
  const reason = () => container.querySelector('textarea')!;
  const errors = () => [...container.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);
  return { container, radio, submit, reason, errors };
}

describe('reasonRequired', () => {
  it('asks for a reason only when the proposal differs from the recommendation', () => {
    expect(reasonRequired('social_placement', 'social_placement')).toBe(false);
    expect(reasonRequired('destitute_centralized', 'social_placement')).toBe(true);
    expect(reasonRequired(undefined, 'social_placement')).toBe(false);
  });
});

describe('ProposalForm', () => {
  it('sends the recommended pathway without a reason', async () => {
    await changeLanguage('zh-CN');
    const onSubmit = vi.fn(() => Promise.resolve());
    const f = form(onSubmit);
    expect(f.radio('社会化安置（规则建议）').checked).toBe(true);
    await click(f.submit());
    await until(() => onSubmit.mock.calls.length === 1);
    expect(onSubmit).toHaveBeenCalledWith({ pathway: 'social_placement' });
  });

  it('holds back a different pathway until a reason is given', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    const f = form(onSubmit);
    await click(f.radio('特困人员集中供养'));
    await click(f.submit());
    expect(onSubmit).not.toHaveBeenCalled();
    await until(() => f.errors().includes('安置意见与规则建议不同，请填写理由'));

    await type(f.reason(), '   ');
    await click(f.submit());
    expect(onSubmit).not.toHaveBeenCalled();

    await type(f.reason(), '本人申请集中供养');
    await click(f.submit());
    await until(() => onSubmit.mock.calls.length === 1);
    expect(onSubmit).toHaveBeenCalledWith({ pathway: 'destitute_centralized', reason: '本人申请集中供养' });
  });

  it("shows the API's refusal of the reason at the reason field", async () => {
    const refusal = new ApiError(
      400,
      'VALIDATION_FAILED',
      'reason is required: the proposal destitute_dispersed differs from the recommendation social_placement',
      undefined,
      'req-1',
      undefined,
    );
    const f = form(() => Promise.reject(refusal));
    await click(f.radio('特困人员分散供养'));
    await type(f.reason(), '理由');
    await click(f.submit());
    await until(() => f.errors().includes(refusal.message));
  });
});
