// Lint rules, including the import boundaries of ../shared/design.md ("may import" column).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronAndUi = [
  { group: ['electron', 'electron/*'], message: 'Only main/ may use Electron.' },
  { group: ['**/main/**', '**/renderer/**'], message: 'app/ must not depend on main/ or renderer/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', '.run/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['app/shared/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\./)', message: 'app/shared is the contract: it imports nothing outside itself.' }],
      }],
    },
  },
  {
    // The contract's server side (schemas, dispatcher): the contract and its validation library, nothing else,
    // so every transport can use it and the renderer never pulls zod in through app/shared.
    files: ['app/contract/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\./|\\.\\./shared/|zod$)', message: 'app/contract imports only app/shared and zod.' }],
      }],
    },
  },
  {
    files: ['app/core/**', 'app/store/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...electronAndUi,
          { group: ['**/web-host/**'], message: 'The core does not know its transports.' },
          { group: ['react', 'react-dom', 'zustand'], message: 'No UI in the core.' },
        ],
      }],
    },
  },
  {
    files: ['app/web-host/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: electronAndUi }] },
  },
  {
    files: ['renderer/**', 'app/web-host/browser/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', 'node:*', 'ws', '@xmpp/*', 'saslmechanisms', 'zod'], message: 'The renderer runs sandboxed: no Node, no Electron, no XMPP, no server-side validation.' },
          { group: ['**/app/core/**', '**/app/store/**', '**/app/web-host/**', '**/app/contract/**', '**/main/**'], message: 'The renderer may import only app/shared.' },
        ],
      }],
    },
  },
  {
    // Presentational components take props only: the store and the contract are the containers' (renderer/containers).
    // Types of the state's shapes are fine (they are plain data); values from renderer/state are not.
    files: ['renderer/components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/state/**', '**/state/*'], allowTypeImports: true, message: 'Components take props: read the store in a container (renderer/containers).' },
          { group: ['**/api.ts', '**/api'], message: 'Components take props: call the contract from a container (renderer/containers).' },
          { group: ['zustand', 'zustand/*'], message: 'Components take props: read the store in a container (renderer/containers).' },
          { group: ['**/containers/**', '**/containers/*'], message: 'Containers render components, not the other way round: take a render prop.' },
        ],
      }],
    },
  },
  {
    files: ['main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!electron$|\\.\\./\\.\\./app/shared/)', message: 'The preload may use only electron and the contract.' }],
      }],
    },
  },
);
