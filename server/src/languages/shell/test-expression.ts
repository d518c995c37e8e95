import { Comparison, isVariable, Unknown, unknownOf, type Value } from './values.js';

/** True, false, or what the answer depends on. */
export type Truth = boolean | Unknown;

/** One argument of `test`, `[` or `[[`; `pattern` for the right side of [['s == and !=. */
export interface TestOperand { value: Value; pattern?: () => RegExp | Unknown }

/** What a test needs to know about files: whether a path exists (and is of the kind asked), or that the host cannot tell. */
export type FileTest = (operator: string, path: string) => Truth;

const UNARY_FILE = new Set(['-e', '-f', '-d', '-x', '-r', '-w', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G', '-N', '-a']);
const NUMERIC = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const STRING_BINARY = new Set(['=', '==', '!=', '<', '>', '=~']);

export function not(truth: Truth): Truth { return truth instanceof Unknown ? truth : !truth; }

export function and(a: Truth, b: () => Truth): Truth {
  if (a === false) return false;
  const second = b();
  if (a === true) return second;
  return second === false ? false : unknownOf([a, ...(second instanceof Unknown ? [second] : [])])!;
}

export function or(a: Truth, b: () => Truth): Truth {
  if (a === true) return true;
  const second = b();
  if (a === false) return second;
  return second === true ? true : unknownOf([a, ...(second instanceof Unknown ? [second] : [])])!;
}

/**
 * Evaluates the arguments of `test` / `[ ]` (without the closing bracket) or of `[[ ]]`
 * (`extended`: && and || instead of -a and -o, patterns on ==). Malformed tests are false, as
 * the shell makes them fail.
 */
export function evaluateTest(operands: readonly TestOperand[], files: FileTest, extended: boolean): Truth {
  return new TestReader(operands, files, extended).whole();
}

class TestReader {
  private at = 0;
  constructor(private readonly operands: readonly TestOperand[], private readonly files: FileTest, private readonly extended: boolean) {}

  whole(): Truth {
    if (this.operands.length === 0) return false;
    const result = this.orExpression();
    return this.at === this.operands.length ? result : false;
  }

  private text(offset = 0): string | undefined {
    const operand = this.operands[this.at + offset];
    return operand && typeof operand.value === 'string' ? operand.value : undefined;
  }

  private orExpression(): Truth {
    let result = this.andExpression();
    while (this.text() === (this.extended ? '||' : '-o')) {
      this.at++;
      const left = result;
      result = or(left, () => this.andExpression());
    }
    return result;
  }

  private andExpression(): Truth {
    let result = this.primary();
    while (this.text() === (this.extended ? '&&' : '-a') && this.at + 1 < this.operands.length) {
      this.at++;
      const left = result;
      result = and(left, () => this.primary());
    }
    return result;
  }

  private primary(): Truth {
    const remaining = this.operands.length - this.at;
    if (remaining <= 0) return false;
    const first = this.text();
    // Three arguments with a binary operator in the middle are a comparison, whatever the first is ("[ ! = x ]").
    if (remaining >= 3 && this.isBinary(this.text(1))) return this.binary();
    if (first === '!' && remaining >= 2) { this.at++; return not(this.primary()); }
    if (first === '(' && remaining >= 3) {
      this.at++;
      const inner = this.orExpression();
      if (this.text() === ')') this.at++;
      return inner;
    }
    if (remaining >= 2 && first !== undefined && (UNARY_FILE.has(first) || first === '-z' || first === '-n' || first === '-v')) return this.unary(first);
    const operand = this.operands[this.at++]!;
    if (isVariable(operand.value)) return new Comparison(operand.value, '', true);
    return operand.value instanceof Unknown ? operand.value : operand.value !== '';
  }

  private isBinary(text: string | undefined): boolean {
    return text !== undefined && (NUMERIC.has(text) || STRING_BINARY.has(text) || text === '-nt' || text === '-ot' || text === '-ef');
  }

  private unary(operator: string): Truth {
    this.at++;
    const operand = this.operands[this.at++]!.value;
    if (isVariable(operand) && (operator === '-z' || operator === '-n')) return new Comparison(operand, '', operator === '-n');
    if (operand instanceof Unknown) return operand;
    if (operator === '-z') return operand === '';
    if (operator === '-n') return operand !== '';
    if (operator === '-v') return new Unknown(`whether $${operand} is set`);
    return this.files(operator, operand);
  }

  private binary(): Truth {
    const left = this.operands[this.at]!;
    const operator = this.text(1)!;
    const right = this.operands[this.at + 2]!;
    this.at += 3;
    if ((operator === '==' || operator === '=' || operator === '!=') && this.extended && right.pattern && !(left.value instanceof Unknown)) {
      const pattern = right.pattern();
      if (pattern instanceof Unknown) return pattern;
      const matches = pattern.test(left.value);
      return operator === '!=' ? !matches : matches;
    }
    if (operator === '=' || operator === '==' || operator === '!=') {
      // [[ ]]'s right side is a pattern: only one without glob characters is a plain text.
      const plain = (operand: TestOperand) => typeof operand.value === 'string' && (!this.extended || !operand.pattern || !/[*?[]/.test(operand.value));
      if (isVariable(left.value) && plain(right)) return new Comparison(left.value, right.value as string, operator === '!=');
      if (isVariable(right.value) && plain(left) && !this.extended) return new Comparison(right.value, left.value as string, operator === '!=');
    }
    const unknown = unknownOf([left.value, right.value].filter((v): v is Unknown => v instanceof Unknown));
    if (unknown) return unknown;
    const a = left.value as string, b = right.value as string;
    switch (operator) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '=~': return new Unknown(`the regular expression match of "${a}"`);
      case '-nt': case '-ot': case '-ef': return new Unknown(`how ${a} and ${b} compare on disk`);
      default: return compareNumbers(a, operator, b);
    }
  }
}

function compareNumbers(a: string, operator: string, b: string): Truth {
  const x = Number(a.trim()), y = Number(b.trim());
  // The shell refuses a non-integer ("integer expression expected"): the test fails.
  if (!/^\s*[-+]?\d+\s*$/.test(a) || !/^\s*[-+]?\d+\s*$/.test(b)) return false;
  switch (operator) {
    case '-eq': return x === y;
    case '-ne': return x !== y;
    case '-lt': return x < y;
    case '-le': return x <= y;
    case '-gt': return x > y;
    default: return x >= y;
  }
}
