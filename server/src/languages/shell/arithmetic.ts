import { Unknown, type Value } from './values.js';

/** Binary operators by precedence, loosest first. */
const LEVELS: ReadonlyArray<readonly string[]> = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];
const TOKEN = /\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\|\||&&|==|!=|<=|>=|[-+*/%()<>!])/y;

/**
 * `$(( ... ))` with integers, variables and the usual operators; assignments, increments and
 * anything else leave the result unknown (the script's arithmetic is rarely more than a counter).
 */
export function evaluateArithmetic(expression: string, variable: (name: string) => Value | undefined): Value {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(expression);
    if (!m) return new Unknown(`the arithmetic "${expression.trim()}"`);
    tokens.push(m[1]!);
    at = TOKEN.lastIndex;
  }
  const reader = new ArithmeticReader(tokens, variable);
  const result = reader.level(0);
  if (result instanceof Unknown) return result;
  return reader.done() ? String(result) : new Unknown(`the arithmetic "${expression.trim()}"`);
}

class ArithmeticReader {
  private at = 0;
  constructor(private readonly tokens: string[], private readonly variable: (name: string) => Value | undefined) {}

  done(): boolean { return this.at === this.tokens.length; }

  level(n: number): number | Unknown {
    if (n === LEVELS.length) return this.unary();
    let left = this.level(n + 1);
    while (this.at < this.tokens.length && LEVELS[n]!.includes(this.tokens[this.at]!)) {
      const operator = this.tokens[this.at++]!;
      const right = this.level(n + 1);
      if (left instanceof Unknown) continue;
      if (right instanceof Unknown) { left = right; continue; }
      left = apply(left, operator, right);
    }
    return left;
  }

  private unary(): number | Unknown {
    const token = this.tokens[this.at++];
    if (token === undefined) return new Unknown('an incomplete arithmetic expression');
    if (token === '-' || token === '+' || token === '!') {
      const operand = this.unary();
      if (operand instanceof Unknown) return operand;
      return token === '-' ? -operand : token === '!' ? Number(!operand) : operand;
    }
    if (token === '(') {
      const inner = this.level(0);
      if (this.tokens[this.at] === ')') this.at++;
      return inner;
    }
    if (/^\d+$/.test(token)) return Number(token);
    const name = token.replace(/^\$\{?|\}$/g, '');
    const value = this.variable(name);
    if (value instanceof Unknown) return value;
    // An unset or empty variable counts as 0, as in the shell.
    if (value === undefined || value.trim() === '') return 0;
    return /^\s*-?\d+\s*$/.test(value) ? Number(value) : new Unknown(`$${name} used as a number ("${value}")`);
  }
}

function apply(a: number, operator: string, b: number): number | Unknown {
  switch (operator) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? new Unknown('a division by zero') : Math.trunc(a / b);
    case '%': return b === 0 ? new Unknown('a division by zero') : a % b;
    case '<': return Number(a < b);
    case '>': return Number(a > b);
    case '<=': return Number(a <= b);
    case '>=': return Number(a >= b);
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case '&&': return Number(!!a && !!b);
    default: return Number(!!a || !!b);
  }
}
