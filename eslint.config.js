import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import seggio from './tools/eslint/layering.js';

/** Globals that exist only in Node, refused where code must also run in a browser. */
const NODE_GLOBALS = ['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
  name,
  message: `'${name}' exists only in Node; this code must also run in a browser (docs/design.md §1).`,
}));

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**', 'tools/electronegativity/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { seggio },
    rules: {
      'seggio/layering': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['packages/ballot-core/src/**', 'packages/crypto/src/**', 'packages/shell/src/common/**', 'packages/*/src/browser/**', 'apps/*/src/renderer/**', 'apps/*/src/shared/**'],
    ignores: ['packages/*/src/**/node/**'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
  {
    files: ['apps/*/src/renderer/**', 'packages/*/src/browser/**', 'hardware/virtual/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // A sandboxed preload is CommonJS: `import x = require()` is how TypeScript writes its one import.
    files: ['packages/shell/src/preload/**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
