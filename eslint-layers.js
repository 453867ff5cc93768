// The layers (src/ <- fakes/ <- sims/ <- scenarios/) are kept by the lint, not by habit: an
// upward import makes a module under test depend on the harness that tests it, or the engine on
// the scenarios that use it. The rule resolves each import against the importing file (so
// '../clock.ts' inside src/ is fine and '../../fakes/x.ts' is not, whatever the depth) and checks
// the folder it lands in. Shared by eslint.config.js and the test that plants each forbidden import.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * What each layer may import from the repo's other top-level folders. `types` may be imported
 * with `import type` only: sims/ names src/'s interfaces (Db, Clock, SessionFs) that the real
 * modules receive, but never runs src/ code, so the engine cannot depend on what it tests.
 * Folders not listed here (scenarios/, bench/, bin/, mutation/) are the top of the stack.
 */
export const layers = {
  src: { values: [], types: [] },
  fakes: { values: [], types: [] },
  sims: { values: ['fakes'], types: ['src'] },
};

/** The package's own name: inside a layer, code imports its siblings by relative path. */
const SELF = 'syncsim';

/** The repo folder a file is in; undefined outside the repo and for the tooling at its root. */
function topFolder(root, file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] === '..' || parts[0] === '' || parts.length < 2) return undefined;
  return parts[0];
}

function isTypeOnly(node) {
  if (node.type === 'TSImportType') return true;
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep src/ <- fakes/ <- sims/ <- scenarios/: no import reaches up a layer.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'] }],
    messages: {
      upward: "{{layer}}/ may not import {{target}}/ ('{{source}}'){{hint}}",
      self: "{{layer}}/ may not import the package itself ('{{source}}'): import the sibling module by relative path",
    },
  },
  create(context) {
    const root = resolve(context.options[0].root);
    const layer = topFolder(root, context.filename);
    const allowed = layer === undefined ? undefined : layers[layer];
    if (!allowed) return {};

    function check(node, sourceNode) {
      const source = sourceNode?.type === 'Literal' ? sourceNode.value : undefined;
      if (typeof source !== 'string') return;
      if (source === SELF || source.startsWith(`${SELF}/`)) {
        context.report({ node, messageId: 'self', data: { layer, source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = topFolder(root, resolve(dirname(context.filename), source));
      if (target === undefined || target === layer || allowed.values.includes(target)) return;
      const typeOnly = isTypeOnly(node);
      if (typeOnly && allowed.types.includes(target)) return;
      const hint = allowed.types.includes(target) ? ' except with `import type`' : '';
      context.report({ node, messageId: 'upward', data: { layer, target, source, hint } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.source),
    };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };
