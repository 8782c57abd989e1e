// Loads libs/db's embedded-postgres.ts (the probe and the embedded starter) for jest's global setup, which runs outside
// jest's transform: compiles it and the TypeScript it imports (relative files, @ledger/* libs) on the fly.
const { transformFileSync } = require('@swc/core');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const LIBS = path.resolve(__dirname, '../../libs');
const loaded = new Map();

function tsFile(from, id) {
  if (id.startsWith('@ledger/')) return path.join(LIBS, id.slice('@ledger/'.length), 'src/index.ts');
  if (!id.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), id);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

function load(file) {
  if (loaded.has(file)) return loaded.get(file).exports;
  const { code } = transformFileSync(file, {
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs', ignoreDynamic: true },
  });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m.require = (id) => {
    const ts = tsFile(file, id);
    return ts ? load(ts) : Module.prototype.require.call(m, id);
  };
  loaded.set(file, m);
  m._compile(code, file);
  return m.exports;
}

module.exports = load(path.resolve(LIBS, 'db/src/embedded-postgres.ts'));
