// Scenarios are written the way a team writes them in its own repository: against syncsim's
// public entry points (package.json exports), never against the engine's or the fakes' files.
// Shared by eslint.config.js and the test that plants a deep import and sees it fail.
export const scenarioImports = {
  patterns: [
    {
      regex: '^(\\.\\./)+(sims|fakes)(/|$)',
      message: "Scenarios import syncsim's public entry points: 'syncsim', 'syncsim/vitest', 'syncsim/fakes/*'.",
    },
    {
      regex: '^syncsim/(?!(vitest|fakes/stream|fakes/motopress)$)',
      message:
        "Not a syncsim entry point: use 'syncsim', 'syncsim/vitest', 'syncsim/fakes/stream' or 'syncsim/fakes/motopress'.",
    },
  ],
};
