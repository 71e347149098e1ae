import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/log.ts';
import { createTerminal } from '../../src/app/terminal.ts';

function capture() {
  const written: string[] = [];
  return { written, terminal: createTerminal({ write: (text: string) => written.push(text) }) };
}

describe('log format', () => {
  it('writes readable lines with LOG_FORMAT=pretty, secrets still redacted', () => {
    const { written, terminal } = capture();
    const log = createLogger({ logLevel: 'info', logFormat: 'pretty' }, undefined, {
      terminal,
      isTTY: false,
    });
    log.info({ part: 'ingest', added: 3, token: 'sekret' }, 'content folder ingested');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: content folder ingested \{.*"added":3/);
    expect(written[0]).not.toContain('sekret');
  });

  it('writes one JSON object a line with LOG_FORMAT=json, and on auto off a terminal', () => {
    for (const logFormat of ['json', 'auto'] as const) {
      const { written, terminal } = capture();
      createLogger({ logLevel: 'info', logFormat }, undefined, { terminal, isTTY: false }).info(
        { n: 1 },
        'hello',
      );
      expect(JSON.parse(written[0] ?? '')).toMatchObject({ msg: 'hello', n: 1 });
    }
  });

  it('picks readable lines on auto when stderr is a terminal', () => {
    const { written, terminal } = capture();
    createLogger({ logLevel: 'info', logFormat: 'auto' }, undefined, {
      terminal,
      isTTY: true,
    }).info({}, 'hello');
    expect(written[0]).toMatch(/INFO.*hello/);
  });

  it('lifts the console prompt before a log line and draws it again after', () => {
    const { written, terminal } = capture();
    terminal.setPrompt({
      lift: () => written.push('<lift>'),
      redraw: () => written.push('<prompt>'),
    });
    createLogger({ logLevel: 'info', logFormat: 'json' }, undefined, { terminal }).info({}, 'x');
    expect(written[0]).toBe('<lift>');
    expect(written[2]).toBe('<prompt>');
  });
});
