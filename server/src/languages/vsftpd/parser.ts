import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { LineIndex } from '../../core/text.js';
import { CONFIG_FILE_MAX_BYTES } from './directives.js';
import { allVsftpdTokens, Comment, Equals, Indent, Name, Newline, Value, ValueEnd, vsftpdLexer } from './lexer.js';
import type { CommentLine, DirectiveLine, Span, VsftpdFile } from './syntax.js';

/** The tokens of one line, as the grammar recognised them; turned into syntax by `buildFile`. */
interface RawLine { comment?: IToken; indent?: IToken; name?: IToken; equals?: IToken; value?: IToken }

class VsftpdGrammar extends EmbeddedActionsParser {
  constructor() {
    super(allVsftpdTokens, { recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', (): RawLine[] => {
    const lines: RawLine[] = [];
    this.MANY(() => {
      const line = this.SUBRULE(this.line);
      if (line) lines.push(line);
    });
    return lines;
  });

  line = this.RULE('line', (): RawLine | undefined =>
    this.OR([
      { ALT: () => { this.CONSUME(Newline); return undefined; } },
      { ALT: () => { const comment = this.CONSUME(Comment); this.OPTION(() => this.CONSUME2(Newline)); return { comment }; } },
      {
        ALT: () => {
          const indent = this.CONSUME(Indent);
          const entry = this.OPTION2(() => this.SUBRULE(this.entry));
          this.OPTION3(() => this.CONSUME3(Newline));
          return entry ? { indent, ...entry } : undefined;
        },
      },
      { ALT: () => { const entry = this.SUBRULE2(this.entry); this.OPTION4(() => this.CONSUME4(Newline)); return entry; } },
    ]),
  );

  entry = this.RULE('entry', (): RawLine =>
    this.OR([
      { ALT: () => { const name = this.CONSUME(Name); const rest = this.OPTION(() => this.SUBRULE(this.assignment)); return { name, ...rest }; } },
      { ALT: () => this.SUBRULE2(this.assignment) },
    ]),
  );

  assignment = this.RULE('assignment', (): RawLine => {
    const equals = this.CONSUME(Equals);
    const value = this.OPTION(() => this.CONSUME(Value));
    this.OPTION2(() => this.CONSUME(ValueEnd));
    return { equals, value };
  });
}

let grammarInstance: VsftpdGrammar | undefined;
/** The one parser, built (and its grammar analysed) when the first vsftpd.conf is read. */
const grammar = (): VsftpdGrammar => (grammarInstance ??= new VsftpdGrammar());

function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 4 : code >= 0xdc00 && code <= 0xdfff ? 0 : 3;
}

/** The string offset at which the file's UTF-8 encoding reaches vsftpd's read limit, if it does. */
function readLimitOffset(text: string): number | undefined {
  if (text.length * 3 < CONFIG_FILE_MAX_BYTES) return undefined;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const size = utf8Length(text.charCodeAt(i));
    if (bytes + size > CONFIG_FILE_MAX_BYTES) return i;
    bytes += size;
  }
  return undefined;
}

/** Parses vsftpd.conf text. Never throws: every sequence of characters is a valid token stream. */
export function parseVsftpd(text: string, path = ''): VsftpdFile {
  const lines = new LineIndex(text);
  const lexed = vsftpdLexer().tokenize(text);
  const parser = grammar();
  parser.input = lexed.tokens;
  const raw = parser.file() ?? [];
  const limitOffset = readLimitOffset(text);

  const span = (token: IToken | undefined, fallbackAt?: number): Span | undefined => {
    if (token) {
      const start = token.startOffset, end = token.startOffset + token.image.length;
      return { text: token.image, start, end, range: lines.range(start, end) };
    }
    if (fallbackAt === undefined) return undefined;
    return { text: '', start: fallbackAt, end: fallbackAt, range: lines.range(fallbackAt, fallbackAt) };
  };

  const directives: DirectiveLine[] = [];
  const comments: CommentLine[] = [];
  for (const line of raw) {
    if (line.comment) {
      const s = span(line.comment)!;
      comments.push({ line: s.range.start.line, span: s });
      continue;
    }
    const first = line.indent ?? line.name ?? line.equals!;
    const start = first.startOffset;
    const lineNumber = lines.positionAt(start).line;
    const end = lines.lineEnd(lineNumber);
    const nameSpan = span(line.name, line.equals ? line.equals.startOffset : start)!;
    const equals = span(line.equals);
    const value = line.equals ? span(line.value, equals!.end) : undefined;
    const directive: DirectiveLine = {
      line: lineNumber,
      range: lines.range(start, end),
      start,
      end,
      name: nameSpan,
      beyondLimit: limitOffset !== undefined && lines.lineStarts[lineNumber]! >= limitOffset,
    };
    if (line.indent) directive.indent = span(line.indent);
    if (equals) directive.equals = equals;
    if (value) directive.value = value;
    if (limitOffset !== undefined && !directive.beyondLimit && end > limitOffset) directive.cutAt = limitOffset;
    directives.push(directive);
  }
  const file: VsftpdFile = { kind: 'vsftpd', path, text, lines, directives, comments };
  if (limitOffset !== undefined) file.limitOffset = limitOffset;
  return file;
}
