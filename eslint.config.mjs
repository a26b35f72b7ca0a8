import nx from '@nx/eslint-plugin';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/tmp', 'apps/admin/dist'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // The direction of dependencies is the architecture: apps -> feature libs -> util libs, never back.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:edge', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:edge', 'type:util'] },
            // The edge (NestJS and GraphQL glue) may use pure code only; pure code knows no framework.
            { sourceTag: 'type:edge', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
    },
  },
  {
    // The temporal core stays pure: no framework may creep in.
    files: ['libs/temporal/**/*.ts', 'libs/contract/**/*.ts', 'libs/kinds/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'graphql', 'pg', '@policy-cms/*'] },
      ],
    },
  },
];
