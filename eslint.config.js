import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The two classic hook rules, not v7's React Compiler set (the apps are not written for the compiler).
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An error, not the plugin's warning: a stale closure over props is a bug the tablet shows on the day.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    rules: {
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
