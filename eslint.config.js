import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Only the shared client talks to the socket (conventions.md): one place to get reconnects right.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'socket.io-client', message: 'Use @ceremony/shared/client.' }] },
      ],
    },
  },
  {
    files: ['shared/src/client/**', 'control-server/test/**', 'control-server/bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
