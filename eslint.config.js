// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const sdkImports = [
  'telegraf',
  'telegraf/*',
  'discord.js',
  '@discordjs/*',
  '@whiskeysockets/baileys',
];

/**
 * The layers of the core, lowest first (docs/ARCHITECTURE.md): a file may import its own
 * layer and the ones below, never one above or beside it. Adapters import the core only
 * through src/index.ts. test/architecture/layers.test.ts proves a wrong import fails lint.
 */
const LAYERS = [
  ['domain'],
  ['text'],
  ['store'],
  ['ingest', 'delivery', 'commands', 'eval'],
  ['panel'],
  ['app'],
  ['cli'],
];
const layerZones = LAYERS.flatMap((names, rank) =>
  names.map((name) => ({
    target: `./src/${name}`,
    from: [
      ...LAYERS.slice(rank)
        .flat()
        .filter((other) => other !== name)
        .map((other) => `./src/${other}`),
      './src/index.ts',
    ],
    message: `src/${name} may import only its own layer and those below (${LAYERS.slice(0, rank).flat().join(', ') || 'none'}).`,
  })),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'content/', '.prof/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    // An explicit resolver: the legacy fallback mistakes a dependency's `node/` folder (in
    // baileys' dependency tree) for a resolver named "node" and crashes.
    // import-x parses each imported file itself (for no-cycle): it must know TypeScript.
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...layerZones,
            {
              target: './adapters',
              from: './src',
              except: ['./index.ts'],
              message: 'Adapters import the core only through src/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core never imports a platform SDK nor an adapter (STYLE.md habit 1). Adapters are
    // handed to the core by bin/herald.js, the one place that knows both.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: sdkImports, message: 'Only adapters/ may import a platform SDK.' },
            {
              group: ['**/adapters/**', '**/adapters'],
              message: 'The core must not import adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The panel's one browser script (served as a file: the CSP allows no inline script).
    files: ['src/panel/assets/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly',
        fetch: 'readonly',
        FormData: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        uPlot: 'readonly',
      },
    },
  },
);
