// The light as rendered: the word in the person's language, in the red or amber style, and
// nothing at all for a task on time.
import { cleanup, render, screen } from './render';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineTag } from '../../console/src/shared/components/DeadlineTag';
import { changeLanguage } from '../../console/src/i18n';

afterEach(cleanup);

describe('DeadlineTag', () => {
  it('shows 已超期 in red and 即将到期 in amber', async () => {
    await changeLanguage('zh-CN');
    render(<DeadlineTag light="overdue" />);
    expect(screen.getByText('已超期').closest('.deadline-light--overdue')).not.toBeNull();
    cleanup();
    render(<DeadlineTag light="dueSoon" />);
    expect(screen.getByText('即将到期').closest('.deadline-light--dueSoon')).not.toBeNull();
  });

  it('shows nothing for a task on time', () => {
    const { container } = render(<DeadlineTag light="onTime" />);
    expect(container.textContent).toBe('');
  });

  it('speaks English after the switch', async () => {
    await changeLanguage('en');
    render(<DeadlineTag light="overdue" />);
    expect(screen.getByText('Overdue')).toBeDefined();
    cleanup();
    await changeLanguage('zh-CN');
  });
});
