// Debian's Chromium (apt-get install chromium), driven by playwright-core: Playwright's own
// browser builds cannot be downloaded here.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A headless Chromium that talks to nothing but the server under test. `launch` starts it with a
 * fresh temporary profile (user-data-dir), removed when it closes; each journey then opens its own
 * context (cookies and localStorage of its own).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
