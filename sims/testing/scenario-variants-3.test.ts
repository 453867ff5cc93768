// Shard 3 of the discovered scenario variants (sims/testing/variant-shards.ts says why they are
// split over files; describe-scenario-variants.ts what each variant's test checks).
import { describeScenarioVariants } from './describe-scenario-variants.ts';

await describeScenarioVariants(3);
