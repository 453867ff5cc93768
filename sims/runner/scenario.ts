/**
 * What a scenario author writes: a generated input, a world built from it, actors that race
 * under the scheduler, invariants, and variants (the code as it was vs the fix) with what each
 * is expected to do. `defineScenario` validates the definition up front so a mistake in a
 * scenario file is reported by name before anything runs.
 */
import type { MigrationWorld } from '../migration/migration-world.ts';
import type * as fc from 'fast-check';
import type { RequestHandler } from 'msw';
import type { StreamChat } from 'stream-chat';
import type { FetchLike } from '../../fakes/motopress/gated-fetch.ts';
import type { SessionFs } from '../../src/bot/session-fs.ts';
import type { Clock } from '../../src/clock.ts';
import type { Db, Queryable } from '../../src/db/db.ts';
import type { FaultPlan } from '../faults/fault-plan.ts';
import type { Invariant } from '../invariants/invariant.ts';
import { NO_LEAKED_WORK } from '../leaks/leaked-work.ts';
import { NO_REMOTE_FULL_SCAN } from '../scans/full-scan.ts';
import type { ScanDeclaration } from '../scans/scan-declaration.ts';
import type { Rng } from '../rng/rng.ts';

export type ScenarioKind = 'incident' | 'property' | 'example' | 'migration';

/** What every actor receives: its own gated collaborators. */
export interface ActorEnv {
  actor: string;
  db: Db;
  clock: Clock;
  rng: Rng;
  /** The case's session directory, gated and faulted like any other I/O (sims/fs). */
  fs: SessionFs;
  /**
   * `fetch` for the MotoPress sites the world registered: every request is scheduled, may be
   * faulted by the plan (5xx, 429, latency, reset, timeout, response lost) and is recorded as
   * system 'motopress'. The client's timeout is 30 s of simulated time (MotopressClient's default).
   */
  motopressFetch: FetchLike;
  /** Put a real stream-chat client (baseURL = the world's Stream fake) under the gate; returns it. */
  gateStream(client: StreamChat): StreamChat;
}

export interface Actor {
  name: string;
  /** What it resolves to (or throws) is recorded, and compared by `syncsim diff`. */
  run(env: ActorEnv): Promise<unknown>;
}

export interface WorldContext<Input> {
  /** Ungated connection: building the world is not part of the race. */
  db: Queryable;
  input: Input;
  rng: Rng;
  clock: Clock;
  /** The case's real session directory, already empty; write files here ungated. */
  sessionDir: string;
  /** Register the msw handlers of this case's fakes (e.g. motopressHandlers(fake, site)). */
  http: { use(...handlers: RequestHandler[]): void };
}

export interface ActorsContext<Input, World> {
  input: Input;
  world: World;
}

export interface Variant<Input, World> {
  description: string;
  /** `holds`: no invariant may break. `breaks`: the run must break every invariant in `breaks`. */
  expect: 'holds' | 'breaks';
  breaks?: readonly string[];
  /**
   * Cases for this variant when the caller does not say (default: the scenario's `runs`). A
   * `breaks` variant stops at its first failure, so a rare bug can get a large budget cheaply.
   */
  runs?: number;
  actors(context: ActorsContext<Input, World>): Actor[];
  /** Actors of the heal phase (faults off), e.g. one more sync; default: the scenario's. */
  heal?(context: ActorsContext<Input, World>): Actor[];
}

export interface Scenario<Input = unknown, World = unknown> {
  id: string;
  kind: ScenarioKind;
  title: string;
  /** Where the facts come from, e.g. "incidents.md section E". */
  source?: string;
  input: fc.Arbitrary<Input>;
  /** Faults of the chaos phase, generated per case (e.g. swarmFaultPlan([...])); default none. */
  faults?: fc.Arbitrary<FaultPlan>;
  /** ISO instant the simulated clock starts at. */
  startTime?: string;
  world(context: WorldContext<Input>): Promise<World>;
  invariants: readonly Invariant<World>[];
  variants: Readonly<Record<string, Variant<Input, World>>>;
  /** The variant `syncsim run <id>` uses when none is named: the fixed code. */
  defaultVariant: string;
  heal?(context: ActorsContext<Input, World>): Actor[];
  /** Cases per run when the caller does not say (default 100). */
  runs?: number;
  /** Scheduler steps one case may take before it is reported cut short (default DEFAULT_MAX_STEPS). */
  maxSteps?: number;
  /** What `syncsim diff` compares besides Postgres, session files and the actors' results. */
  differential?: DifferentialOptions<World>;
  /** Turns on the built-in `no-remote-full-scan` (sims/scans): where a keyed lookup suffices. */
  scans?: ScanDeclaration;
  /** How `syncsim validate-migration --world <id>` runs migrations here (sims/migration/migration-world.ts). */
  migration?: MigrationWorld<World>;
}

export interface DifferentialOptions<World> {
  /** The fakes' state at the end of a case, as JSON-able data (e.g. each store's snapshot()). */
  state?(world: World): unknown;
  /**
   * Paths that are noise by declaration (generated ids, timestamps), on top of what the
   * self-comparison measures: `pg.public.chat_rooms[*].updated_at`, `fakes[*].bookings[*].modified`,
   * `*` matching anything (see sims/diff/ignore-rules.ts).
   */
  ignore?: readonly string[];
  /**
   * Latency the new variant must meet, as new/old ratios of every actor's run (the latency
   * table's rows): `{ p95: 0.8 }` fails a diff whose new p95 is above 0.8x the old one.
   */
  maxLatencyRatio?: { p50?: number; p95?: number; p99?: number };
}

export class ScenarioDefinitionError extends Error {
  override name = 'ScenarioDefinitionError';
}

export function defineScenario<Input, World>(scenario: Scenario<Input, World>): Scenario<Input, World> {
  const problem = (what: string) => new ScenarioDefinitionError(`scenario '${scenario.id ?? '?'}': ${what}`);
  if (typeof scenario.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(scenario.id))
    throw problem('id must be kebab-case');
  if (typeof scenario.world !== 'function') throw problem('world must be a function');
  if (!scenario.input || typeof (scenario.input as { generate?: unknown }).generate !== 'function')
    throw problem('input must be a fast-check arbitrary');
  const names = Object.keys(scenario.variants ?? {});
  if (names.length === 0) throw problem('needs at least one variant');
  if (!names.includes(scenario.defaultVariant))
    throw problem(`defaultVariant '${scenario.defaultVariant}' is not one of its variants (${names.join(', ')})`);
  if (scenario.startTime !== undefined && Number.isNaN(Date.parse(scenario.startTime)))
    throw problem(`startTime '${scenario.startTime}' is not an ISO instant`);
  const invariantNames = new Set(scenario.invariants.map((i) => i.name));
  if (invariantNames.size !== scenario.invariants.length) throw problem('two invariants share a name');
  for (const builtIn of [NO_LEAKED_WORK, NO_REMOTE_FULL_SCAN])
    if (invariantNames.has(builtIn)) throw problem(`'${builtIn}' is built in; name the invariant otherwise`);
  // Built in and checked in every scenario (sims/leaks), so a variant may expect it to break.
  invariantNames.add(NO_LEAKED_WORK);
  // Checked only where the scenario declares scans (sims/scans).
  if (scenario.scans) invariantNames.add(NO_REMOTE_FULL_SCAN);
  for (const [name, variant] of Object.entries(scenario.variants)) {
    if (variant.expect === 'breaks' && (variant.breaks ?? []).length === 0)
      throw problem(`variant '${name}' expects a break but names no invariant in breaks`);
    if (variant.runs !== undefined && !(Number.isSafeInteger(variant.runs) && variant.runs >= 1))
      throw problem(`variant '${name}' runs must be an integer >= 1`);
    for (const broken of variant.breaks ?? []) {
      if (!invariantNames.has(broken))
        throw problem(`variant '${name}' expects '${broken}' to break, but the scenario has no such invariant`);
    }
  }
  return scenario;
}
