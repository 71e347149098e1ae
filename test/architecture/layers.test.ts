import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule of the layers (eslint.config.js): the real config, on text placed at a real
// path, so the test fails if the rule is dropped or loosened. Only that rule is run.
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
  // That rule needs no type information: skip building the TypeScript program.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the layers (npm run lint)', { timeout: 60_000 }, () => {
  it('refuses an import that points up a layer', async () => {
    const found = await problems(
      'src/domain/clock.ts',
      "import { loadConfig } from '../app/config.ts';\nexport const load = loadConfig;\n",
    );
    expect(found.join('\n')).toMatch(/src\/domain may import only its own layer/);
  });

  it('refuses an import beside its layer', async () => {
    const found = await problems(
      'src/delivery/sleep.ts',
      "import { parseCommand } from '../commands/parse.ts';\nexport const parse = parseCommand;\n",
    );
    expect(found.join('\n')).toMatch(/src\/delivery may import only/);
  });

  it('refuses an adapter reaching into the core past src/index.ts', async () => {
    const found = await problems(
      'adapters/console/render.ts',
      "import { parseCommand } from '../../src/commands/parse.ts';\nexport const parse = parseCommand;\n",
    );
    expect(found.join('\n')).toMatch(/only through src\/index.ts/);
  });

  it('lets a layer import the ones below, and an adapter the core surface', async () => {
    expect(
      await problems(
        'src/delivery/sleep.ts',
        "import { systemClock } from '../domain/clock.ts';\nexport const clock = systemClock;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'adapters/console/render.ts',
        "import { systemClock } from '../../src/index.ts';\nexport const clock = systemClock;\n",
      ),
    ).toEqual([]);
  });
});
