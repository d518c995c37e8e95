// The end-to-end suite's entry in @vscode/test-electron's contract: VS Code (desktop through
// test-electron, or code-server here) loads this file in the extension host and calls run().
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// mocha stays outside the bundle and is loaded as the extension host loads modules; its
// CommonJS export is an object whose `default` is the Mocha class.
const Mocha: typeof import('mocha') = require('mocha').default;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
  });
}
