// Hidden nondeterminism breaks replay: a run must be a function of (scenario, seed, path).
// Under src/, fakes/ and sims/ time, randomness and ids are injected (Clock, Rng, IdGen).
// Shared by eslint.config.js and the test that proves the rule catches each pattern.
export const nondeterminism = [
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'Math.random breaks replay: use the injected Rng.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Date.now breaks replay: use the injected Clock.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'new Date() reads the wall clock: use the injected Clock.',
  },
  {
    selector: "CallExpression[callee.property.name='randomUUID']",
    message: 'crypto.randomUUID breaks replay: use the injected IdGen.',
  },
  {
    selector: "CallExpression[callee.name='randomUUID']",
    message: 'randomUUID breaks replay: use the injected IdGen.',
  },
  {
    selector: "CallExpression[callee.name='delay'][arguments.length=0]",
    message: 'msw delay() without a number draws from Math.random: pass explicit milliseconds.',
  },
];
