// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node built-ins are not available inside the deterministic workflow sandbox. */
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.data/**',
      'node_modules/**',
      'bench/results/**',
      'console/dist/**',
      'console/src/api/schema.d.ts',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-console': 'error',
    },
  },
  {
    // Deterministic code: workflows and the pure rules they share with the API. The patterns match a
    // folder at any depth (`../../../db/database.js` as much as `../db/x.js`); test/lint/ proves it.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            {
              regex: '(^|/)activities(/|$)',
              allowTypeImports: true,
              message: 'Workflows call activities through proxyActivities: import their types only (import type).',
            },
            {
              regex: '(^|/)(db|api|bin|tools)(/|$)',
              message:
                'Deterministic code does no I/O: db/, api/, bin/ and tools/ are out of reach of workflows/ and domain/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'Buffer'],
    },
  },
  {
    // The console reaches the engine only through the HTTP API (its generated client): no server
    // code in the browser bundle. (Its own src/api/ is the client; test/lint/consoleImports.test.ts
    // also holds every import of console/ inside console/ or a package, which covers the API's api/.)
    files: ['console/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            {
              regex: '(^|/)(db|workflows|activities|bin|tools|domain)(/|$)',
              message:
                'The console talks to the engine only through the HTTP API (console/src/api/client.ts): no db/, workflows/, activities/, bin/, tools/ or domain/ code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Entry points, tooling and tests may talk to the terminal.
    files: ['bin/**/*.ts', 'tools/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read JSON answers (`res.json()` is any) and assert on them field by field.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.mts'], ...tseslint.configs.disableTypeChecked },
);
