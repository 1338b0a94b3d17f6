// The layering of docs/design.md §1, as an ESLint rule: where code may run is in its path, and an import
// that crosses a layer the wrong way fails lint (as VS Code does with common/node/browser/electron-main).
import { builtinModules } from 'node:module';
import path from 'node:path';

const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (source) => source.startsWith('node:') || NODE_BUILTINS.has(source) || NODE_BUILTINS.has(source.split('/')[0]);

/** Packages that load native code or need Node, so cannot run in a browser or sandboxed preload. */
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'node-hid', 'sodium-native', 'ws', 'bufferutil', 'utf-8-validate', '@seggio/link', '@seggio/hardware', '@seggio/shell'];
/** Entry points that run in a page: a package's browser/ (the web shell's bridge), and the shell's contract, policies and dates. */
const RUNS_IN_A_PAGE = /^@seggio\/([^/]+\/browser|shell\/(contract|csp|dates))$/;
const isNodeOnlyPackage = (source) =>
  (NODE_ONLY_PACKAGES.some((p) => source === p || source.startsWith(`${p}/`)) && !RUNS_IN_A_PAGE.test(source)) || /^@seggio\/[^/]+\/node(\/|$)/.test(source);
const isElectron = (source) => source === 'electron' || source.startsWith('electron/');

/** The layer of a file, from its path relative to the repository root. */
export function layerOf(relative) {
  const p = relative.split(path.sep).join('/');
  const app = /^apps\/[^/]+\/src\/(main|preload|service|renderer|shared)\//.exec(p);
  if (app) return app[1];
  if (/^packages\/[^/]+\/src\/browser\//.test(p)) return 'browser';
  // The shell's Electron code keeps the apps' names for where it runs; its common/ runs anywhere.
  const shell = /^packages\/shell\/src\/(main|preload|common)\//.exec(p);
  if (shell) return shell[1];
  if (/^packages\/(ballot-core|crypto)\/src\//.test(p)) return /\/src\/(.*\/)?node\//.test(p) ? 'node' : 'common';
  return 'node';
}

const RUNS_IN = {
  renderer: 'the renderer runs in the browser',
  shared: 'the Api contract is shared by the service and the browser',
  preload: 'the preload runs sandboxed, with Electron only',
  browser: "a package's browser/ code runs in the page",
  common: 'the common code of ballot-core, crypto and the shell runs anywhere (only a node/ folder may use Node)',
};

/** Why `source` may not be imported from `layer`, or null. */
function violation(layer, source, targetLayer, typeOnly) {
  if (isElectron(source) && layer !== 'main' && layer !== 'preload') {
    return `only main/ and preload/ may import Electron; ${layer} code may not import '${source}'`;
  }
  if (layer in RUNS_IN) {
    if (isNodeBuiltin(source)) return `${layer} code may not import the Node built-in '${source}': ${RUNS_IN[layer]}`;
    // Types vanish at run time: a contract may name a Node-only package's types.
    if (isNodeOnlyPackage(source) && !typeOnly) return `${layer} code may not import the Node-only package '${source}': ${RUNS_IN[layer]}`;
  }
  if (layer === 'renderer' && (targetLayer === 'service' || targetLayer === 'main' || targetLayer === 'preload') && !typeOnly) {
    return `the renderer imports the ${targetLayer}'s types only: use 'import type' for '${source}'`;
  }
  if ((layer === 'service' || layer === 'main' || layer === 'preload' || layer === 'shared') && targetLayer === 'renderer') {
    return `${layer} code may not import the renderer ('${source}')`;
  }
  if (layer === 'common' && targetLayer === 'node' && source.startsWith('.')) {
    return `common code may not import the node/ fast paths ('${source}')`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports may not cross the layers of docs/design.md §1 the wrong way' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const relative = path.relative(REPO_ROOT, file);
    if (relative.startsWith('..')) return {};
    const layer = layerOf(relative);

    const check = (node, sourceNode, typeOnly) => {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const source = sourceNode.value;
      const targetLayer = source.startsWith('.') ? layerOf(path.relative(REPO_ROOT, path.resolve(path.dirname(file), source))) : null;
      const message = violation(layer, source, targetLayer, typeOnly);
      if (message) context.report({ node, message: `${message} (docs/design.md §1)` });
    };
    const allTypes = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression, node.importKind === 'type'),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0], false);
      },
    };
  },
};

export default { meta: { name: 'seggio' }, rules: { layering: rule } };
