// Loads libs/db's embedded-postgres.ts (the probe and the embedded starter) for jest's global setup, which runs outside jest's transform.
const { transformFileSync } = require('@swc/core');
const Module = require('node:module');
const path = require('node:path');

const file = path.resolve(__dirname, '../../libs/db/src/embedded-postgres.ts');
const { code } = transformFileSync(file, {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs', ignoreDynamic: true },
});
const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(path.dirname(file));
m._compile(code, file);
module.exports = m.exports;
