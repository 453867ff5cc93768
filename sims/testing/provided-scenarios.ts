/**
 * What the vitest run hands the generated scenario tests (provide/inject): the project root and
 * the scenario files discovered in it. Set by vitest.config.ts here and by `syncsim check`.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    syncsimProjectRoot: string;
    syncsimScenarioFiles: string[];
  }
}

export interface ProvidedScenarios {
  syncsimProjectRoot: string;
  syncsimScenarioFiles: string[];
}
