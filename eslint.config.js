// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ESLint rather than Biome: Biome lints only the front-matter of `.astro` files, while
// eslint-plugin-astro also reads their `<script>` tags and template expressions, where most of
// the site's browser code lives.
export default defineConfig(
  { ignores: ['dist/', 'data/', '.astro/', 'node_modules/', 'test-results/', 'db/migrations/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser code: the site's scripts and the `<script>` tags of its pages.
    files: ['src/scripts/**', 'src/**/*.astro', 'public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // These regular expressions exist to find control characters: in text put into XML, and in
    // one-line and multi-line form fields, which refuse them.
    files: ['src/render/escape-xml.ts', 'src/schemas/text.ts', 'test/unit/escape-xml.test.ts'],
    rules: { 'no-control-regex': 'off' },
  },
);
