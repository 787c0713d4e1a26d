// Loads sandbox.thread.ts when Provod runs from its TypeScript sources (the jest tiers), where no
// compiled JavaScript exists: a worker thread does not go through jest's transform, so this registers
// the same swc transform for `.ts` files and maps `@provod/<lib>` to the lib's sources, as jest does.
// The built application never loads this file: it uses dist/sandbox/sandbox.thread.js.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveSource(request, ...rest) {
  const lib = /^@provod\/([a-z-]+)$/.exec(request);
  if (lib) {
    const target = lib[1] === 'migrations' ? 'migrations/index.ts' : `libs/${lib[1]}/src/index.ts`;
    return resolve.call(this, path.join(root, target), ...rest);
  }
  return resolve.call(this, request, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

module.exports = require('./sandbox.thread.ts');
