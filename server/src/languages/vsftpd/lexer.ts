import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

/**
 * vsftpd.conf is line-oriented and context-dependent: '#' opens a comment only as a line's very
 * first byte, and after the first '=' everything up to the newline is the value (further '='
 * included). A second lexer mode for the value expresses exactly that.
 */
export const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true });
export const ValueEnd = createToken({ name: 'ValueEnd', pattern: /\n/, line_breaks: true, pop_mode: true });

export const Comment = createToken({
  name: 'Comment',
  pattern: {
    exec(text: string, offset: number) {
      if (text.charCodeAt(offset) !== 0x23 || (offset > 0 && text.charCodeAt(offset - 1) !== 0x0a)) return null;
      const end = text.indexOf('\n', offset);
      const match = [text.slice(offset, end === -1 ? text.length : end)] as unknown as RegExpExecArray;
      return match;
    },
  },
  start_chars_hint: ['#'],
  line_breaks: false,
});

/** isspace() minus '\n': what vsftpd strips before a name and treats as blank. */
export const Indent = createToken({ name: 'Indent', pattern: /[ \t\v\f\r]+/ });
export const Name = createToken({ name: 'Name', pattern: /[^=\n]+/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/, push_mode: 'value' });
export const Value = createToken({ name: 'Value', pattern: /[^\n]+/ });

export const vsftpdTokens = {
  modes: {
    line: [Newline, Comment, Indent, Name, Equals],
    value: [ValueEnd, Value],
  },
  defaultMode: 'line',
};

export const allVsftpdTokens: TokenType[] = [Newline, ValueEnd, Comment, Indent, Name, Equals, Value];

let lexer: Lexer | undefined;
/** One lexer for the whole process (chevrotain's set-up is the expensive part), built when the first vsftpd.conf is read. */
export const vsftpdLexer = (): Lexer => (lexer ??= new Lexer(vsftpdTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false }));

export type { IToken };
