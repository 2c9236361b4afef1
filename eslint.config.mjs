import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.local/', 'coverage/', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'always'],
      'no-return-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'sort-imports': ['error', { ignoreDeclarationSort: true }],
    },
  },
  {
    // The mailgate is plain ESM run by an MTA; tsc (bin/tsconfig.json, checkJs) already checks
    // every name in it against Node's types, which no-undef cannot see.
    files: ['bin/**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
);
