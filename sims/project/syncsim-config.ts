/**
 * What a project's `syncsim.config.ts` may set. Every field is optional: with no config file
 * syncsim looks for `**\/*.scenario.ts` under `scenarios/`.
 */
export interface SyncsimConfig {
  /** Folders searched for `**\/*.scenario.ts`, relative to the config file (default `['scenarios']`). */
  scenarios?: readonly string[];
  /** Folder of ordered `.sql` migrations for the template database, relative to the config file. */
  migrations?: string;
  /** Which Postgres to use, as SYNCSIM_POSTGRES (which wins when set). Default: the README's order. */
  postgres?: 'embedded' | 'testcontainers' | 'url';
}

/** Identity, for a typed `export default defineConfig({...})`. */
export function defineConfig(config: SyncsimConfig): SyncsimConfig {
  return config;
}
