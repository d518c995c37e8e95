// A bare Node pass over a restore file: the least any checker written for Node does with it, as a
// floor beside ftpwall's numbers (bench/run.ts). It reads the file, splits its lines and words
// (repeated short words shared, as ftpwall shares them), and keeps one small object per rule with
// its chain, protocol, addresses and target, its other options in shared blocks. It checks
// nothing, knows no extension, builds no chains and walks nothing.
'use strict';
const { readFileSync } = require('node:fs');

const text = readFileSync(process.argv[2], 'latin1');
const SPACE = 0x20, QUOTE = 0x22, HASH = 0x23, STAR = 0x2a, COLON = 0x3a, DASH = 0x2d;

const SLOTS = 4096;
const sharedWords = new Array(SLOTS).fill('');
const sharedHashes = new Int32Array(SLOTS);
function word(from, to, hash) {
  if (to - from > 32) return text.slice(from, to);
  const slot = hash & (SLOTS - 1);
  const known = sharedWords[slot];
  if (sharedHashes[slot] === hash && known.length === to - from && text.startsWith(known, from)) return known;
  const value = text.slice(from, to);
  sharedWords[slot] = value;
  sharedHashes[slot] = hash;
  return value;
}

class KeptRule {
  constructor(line, chain, protocol, source, destination, target, block, from, to) {
    this.line = line; this.chain = chain; this.protocol = protocol; this.source = source;
    this.destination = destination; this.target = target; this.block = block; this.from = from; this.to = to;
  }
}

const BLOCK = 1 << 16;
let block = new Array(BLOCK);
let blockEnd = 0;
const words = [];
const options = [];
const rules = [];
let line = 0;
for (let start = 0; start < text.length; line++) {
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  const first = text.charCodeAt(start);
  if (end > start && first !== HASH && first !== STAR && first !== COLON) {
    let count = 0;
    for (let i = start; i < end;) {
      let c = text.charCodeAt(i);
      if (c === SPACE) { i++; continue; }
      const from = i;
      if (c === QUOTE) {
        do i++; while (i < end && text.charCodeAt(i) !== QUOTE);
        words[count++] = text.slice(from + 1, i++);
        continue;
      }
      let hash = 0;
      while (i < end && (c = text.charCodeAt(i)) !== SPACE) { hash = (Math.imul(hash, 31) + c) | 0; i++; }
      words[count++] = word(from, i, hash);
    }
    let chain, protocol, source, destination, target, optionCount = 0;
    for (let n = 0; n < count; n++) {
      switch (words[n]) {
        case '-A': chain = words[++n]; break;
        case '-p': protocol = words[++n]; break;
        case '-s': source = words[++n]; break;
        case '-d': destination = words[++n]; break;
        case '-j': target = words[++n]; break;
        case '!': break;
        default:
          if (words[n].charCodeAt(0) === DASH) { options[optionCount++] = words[n]; options[optionCount++] = words[n + 1]; n++; }
      }
    }
    if (blockEnd + optionCount > block.length) { block = new Array(BLOCK); blockEnd = 0; }
    const from = blockEnd;
    for (let n = 0; n < optionCount; n++) block[blockEnd++] = options[n];
    rules.push(new KeptRule(line, chain, protocol, source, destination, target, block, from, blockEnd));
  }
  start = end + 1;
}
process.stdout.write(`${rules.length} rules\n`);
