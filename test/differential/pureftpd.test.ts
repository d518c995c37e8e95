import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, HOST } from '../helpers/hosts.js';
import { askPureftpd, pureftpdNeeds } from './pureftpd-oracle.js';
import { pureConfigurations } from './pureftpd-corpus.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STOCK_OPTIONS } from './pureftpd-oracle.js';

/** The host's option files: Debian's, with the configuration's changes. */
function hostFiles(options: Record<string, string>, removed: readonly string[] = []): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(STOCK_OPTIONS, 'conf'))) if (!removed.includes(name)) files[`${HOST}/etc/pure-ftpd/conf/${name}`] = readFileSync(join(STOCK_OPTIONS, 'conf', name), 'utf8');
  for (const [name, text] of Object.entries(options)) files[`${HOST}/etc/pure-ftpd/conf/${name}`] = text;
  return files;
}

describe('differential: ftpwall refuses Pure-FTPd\'s option files exactly where pure-ftpd-wrapper or pure-ftpd does', { skip: pureftpdNeeds }, () => {
  const configurations = pureConfigurations();
  const verdicts = askPureftpd(configurations);

  it(`runs on at least 60 configurations (${configurations.length}), accepted and refused ones`, () => {
    const refused = verdicts.filter((v) => v.refused).length;
    assert.ok(configurations.length >= 60 && refused >= 25 && configurations.length - refused >= 25, `${refused} of ${configurations.length} refused`);
  });

  configurations.forEach((configuration, n) => {
    it(configuration.name, () => {
      const errors = checkFiles(hostFiles(configuration.options, configuration.removed)).findings.filter((f) => f.severity === 'error');
      const { refused } = verdicts[n]!;
      if (!refused) { assert.deepEqual(errors.map((e) => e.message), [], 'Debian\'s pure-ftpd starts with these files'); return; }
      assert.ok(errors.length > 0, `refused (${refused}) but ftpwall reports no error`);
      // The wrapper names the file it stops at; ftpwall must report an error there, in its words.
      const named = /Invalid configuration file (\S+): (.*)$/.exec(refused);
      if (named) {
        const at = errors.find((e) => e.file === `${HOST}${named[1]}`);
        assert.ok(at, `the wrapper stops at ${named[1]}; ftpwall: ${errors.map((e) => e.file).join(', ')}`);
        assert.ok(at.message.includes(named[2]!), `wrapper: "${named[2]}"; ftpwall: "${at.message}"`);
      } else {
        assert.ok(errors.some((e) => Object.keys(configuration.options).some((name) => e.file.endsWith(`/conf/${name}`))), `pure-ftpd exits; ftpwall's errors: ${errors.map((e) => e.file).join(', ')}`);
      }
    });
  });
});
