// This repo as a syncsim project: the scenarios under scenarios/ run against the schema of the
// three products in src/db/migrations. A team's own project has the same file (syncsim init).
import type { SyncsimConfig } from 'syncsim';

export default {
  scenarios: ['scenarios'],
  migrations: 'src/db/migrations',
} satisfies SyncsimConfig;
