// A minimal render for component tests in happy-dom: the component inside the console's providers
// of words (i18next) and antd, mounted with React 19's root, unmounted by cleanup().
import { ConfigProvider } from 'antd';
import { type ReactNode, act } from 'react';
import { type Root, createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n, initI18n } from '../../console/src/i18n';

initI18n('zh-CN');
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Array<{ root: Root; container: HTMLElement }> = [];

export function render(node: ReactNode): { container: HTMLElement } {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <ConfigProvider>{node}</ConfigProvider>
      </I18nextProvider>,
    ),
  );
  mounted.push({ root, container });
  return { container };
}

export function cleanup(): void {
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount());
    container.remove();
  }
}

/** Finds by visible text, as a person reads the page. */
export const screen = {
  getByText(text: string): HTMLElement {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    let found: HTMLElement | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node as HTMLElement;
      if (el.textContent?.trim() === text && ![...el.children].some((c) => c.textContent?.trim() === text)) found = el;
    }
    if (!found) throw new Error(`no element with the text ${text}`);
    return found;
  },
};
