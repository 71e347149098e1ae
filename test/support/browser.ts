import { existsSync } from 'node:fs';

/** Where Debian's Chromium lives (CHROMIUM_PATH overrides); undefined when there is none. */
export function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

/**
 * Whether the browser tests run: always in CI (a missing browser fails them there, since
 * .ci/run installs it); elsewhere only with a browser, saying why they are skipped.
 */
export function browserTestsRun(): boolean {
  if (process.env.CI === 'true' || systemChromium() !== undefined) return true;
  process.stderr.write(
    'browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set CHROMIUM_PATH)\n',
  );
  return false;
}
