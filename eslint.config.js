// Lint configuration: typescript-eslint's recommended rules on strict TypeScript sources.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules', 'test-results', 'data', 'coverage', '**/dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The one browser script: plain ES2017 for any agent's browser, no build step.
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
  {
    // Build scripts and the benches' preload run on Node as plain ES modules.
    files: [
      'scripts/**/*.mjs',
      'bench/**/*.mjs',
      'packages/*/scripts/**/*.mjs',
      'sdk-check/**/*.mjs',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
