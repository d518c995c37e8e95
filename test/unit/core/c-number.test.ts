import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cNumber, octalNumbersIn, readCNumber } from '../../../server/src/core/c-number.js';

describe('numbers as strtoul reads them', () => {
  it('reads base 0: a leading 0 is octal, 0x hexadecimal, blanks and a plus sign first', () => {
    assert.equal(cNumber('21'), 21);
    assert.equal(cNumber('021'), 17);
    assert.equal(cNumber('0x15'), 21);
    assert.equal(cNumber('0X15'), 21);
    assert.equal(cNumber(' +21'), 21);
    assert.equal(cNumber('0'), 0);
    assert.equal(cNumber('00'), 0);
  });

  it('reads base 10 with leading zeros as decimal', () => {
    assert.equal(cNumber('021', 10), 21);
    assert.equal(cNumber('08', 10), 8);
    assert.equal(cNumber('0x15', 10), undefined);
  });

  it('takes a whole text only when every character is read', () => {
    for (const text of ['08', '09', '21x', '0x', '1e2', '-1', '', ' ', '0xg', '2 1']) assert.equal(cNumber(text), undefined, text);
  });

  it('says where a number stops, for readers that go on from there', () => {
    assert.deepEqual(readCNumber('08', 0), { value: 0, end: 1 });
    assert.deepEqual(readCNumber('21-0x17', 3), { value: 23, end: 7 });
    assert.deepEqual(readCNumber('0x', 0), { value: 0, end: 1 });
    assert.equal(readCNumber('ftp', 0), undefined);
  });

  it('finds the numbers whose octal reading differs from their decimal look', () => {
    assert.deepEqual(octalNumbersIn('040000:040100').map((n) => [n.written, n.octal, n.at]), [['040000', 16384, 0], ['040100', 16448, 7]]);
    assert.deepEqual(octalNumbersIn('010.0.0.01/010').map((n) => n.written), ['010', '010']);
    // 07 and 01 are the same either way; 08 is no octal number; 0x15 is hexadecimal; a word's digits are no number.
    assert.deepEqual(octalNumbersIn('07,01,08,0x15,eth010'), []);
  });
});
