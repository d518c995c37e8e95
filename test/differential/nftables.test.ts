import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { askNft, ftpwallErrors, nftNeeds } from './nft-oracle.js';
import { generatedFiles, icmpTypeFiles, icmpv6TypeFiles, spacedRangeFiles } from './nftables-corpus.js';

describe('differential: ftpwall reports an error exactly where nft -c refuses a ruleset, and none where it accepts one', { skip: nftNeeds }, () => {
  const generated = [...generatedFiles(360), ...icmpv6TypeFiles(), ...icmpTypeFiles(), ...spacedRangeFiles()];
  const verdicts = askNft(generated);

  it('runs on at least 300 generated files, accepted and refused ones', () => {
    assert.ok(generated.length >= 300);
    const refused = [...verdicts.values()].filter((v) => v.status !== 0).length;
    assert.ok(refused >= 100 && generated.length - refused >= 100, `${refused} of ${generated.length} refused`);
  });

  for (const file of generated) {
    it(file.name, () => {
      const verdict = verdicts.get(file.name)!;
      const errors = ftpwallErrors(file);
      if (verdict.status === 0) { assert.deepEqual(errors.messages, [], `nft accepts this file but ftpwall reports errors:\n${file.text}`); return; }
      assert.ok(errors.lines.length > 0, `nft refuses (line ${verdict.line}: ${verdict.message}) but ftpwall reports no error:\n${file.text}`);
      assert.equal(errors.first, verdict.line, `nft's first error is on line ${verdict.line} (${verdict.message}), ftpwall's on line ${errors.first} (${errors.messages.join(' | ')}):\n${file.text}`);
    });
  }
});
