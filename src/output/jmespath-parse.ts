// jmespath.py's lexer and parser (the AWS CLI's), ported so that --query accepts the same expressions and
// refuses the others with the same message and caret. It builds jmespath.js's tree, which that package's
// interpreter walks. jmespath.js's own parser accepts things jmespath.py refuses ("a.", "[a b]", "(a b)")
// and words its errors without a position.
import { parsePyJson } from "../input/pyjson.js";
import { pyRepr, pyStr } from "./python.js";

/** A --query that does not parse; `message` is str() of jmespath.py's exception. */
export class JmesPathSyntaxError extends Error {}

interface Token {
  type: string;
  value: unknown;
  start: number;
}

type Node = { type: string; [key: string]: unknown };

const lexerError = (expression: string, position: number, message: string) =>
  new JmesPathSyntaxError(`Bad jmespath expression: ${message}:\n${expression}\n${" ".repeat(position)}^`);

const SIMPLE: Record<string, string> = {
  ".": "dot", "*": "star", "]": "rbracket", ",": "comma", ":": "colon", "@": "current",
  "(": "lparen", ")": "rparen", "{": "lbrace", "}": "rbrace",
};
const START_IDENTIFIER = /[A-Za-z_]/;
const IDENTIFIER = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

/** jmespath.py's Lexer.tokenize. */
function tokenize(expression: string): Token[] {
  if (expression === "") throw new JmesPathSyntaxError("Invalid JMESPath expression: cannot be empty.");
  const tokens: Token[] = [];
  const chars = [...expression];
  let pos = 0;
  const at = (i: number) => chars[i];
  // reads up to the closing delimiter; a backslash keeps the next character (and itself)
  const until = (delimiter: string): string => {
    const start = pos;
    let buff = "";
    pos++;
    while (at(pos) !== delimiter) {
      if (at(pos) === "\\") {
        buff += "\\";
        pos++;
      }
      if (at(pos) === undefined) throw lexerError(expression, start, `Unclosed ${delimiter} delimiter`);
      buff += at(pos);
      pos++;
    }
    pos++;
    return buff;
  };
  const orElse = (expected: string, matched: string, otherwise: string): Token => {
    const start = pos;
    const current = at(pos)!;
    pos++;
    if (at(pos) === expected) {
      pos++;
      return { type: matched, value: current + expected, start };
    }
    return { type: otherwise, value: current, start };
  };
  const number = (): string => {
    let buff = at(pos)!;
    while (at(++pos) !== undefined && DIGIT.test(at(pos)!)) buff += at(pos);
    return buff;
  };
  while (pos < chars.length) {
    const c = at(pos)!;
    const start = pos;
    if (SIMPLE[c]) {
      tokens.push({ type: SIMPLE[c], value: c, start });
      pos++;
    } else if (START_IDENTIFIER.test(c)) {
      let buff = c;
      while (at(++pos) !== undefined && IDENTIFIER.test(at(pos)!)) buff += at(pos);
      tokens.push({ type: "unquoted_identifier", value: buff, start });
    } else if (" \t\n\r".includes(c)) {
      pos++;
    } else if (c === "[") {
      const next = at(++pos);
      if (next === "]" || next === "?") pos++;
      if (next === "]") tokens.push({ type: "flatten", value: "[]", start });
      else if (next === "?") tokens.push({ type: "filter", value: "[?", start });
      else tokens.push({ type: "lbracket", value: "[", start });
    } else if (c === "'") {
      tokens.push({ type: "literal", value: until("'").replaceAll("\\'", "'"), start });
    } else if (c === "|") {
      tokens.push(orElse("|", "or", "pipe"));
    } else if (c === "&") {
      tokens.push(orElse("&", "and", "expref"));
    } else if (c === "`") {
      tokens.push({ type: "literal", value: literal(expression, start, until("`").replaceAll("\\`", "`")), start });
    } else if (DIGIT.test(c) || c === "-") {
      const buff = number();
      if (buff === "-") throw lexerError(expression, start, "Unknown token '-'");
      tokens.push({ type: "number", value: Number(buff), start });
    } else if (c === '"') {
      const lexeme = `"${until('"')}"`;
      try {
        tokens.push({ type: "quoted_identifier", value: parsePyJson(lexeme, { plainDicts: true }), start });
      } catch (err) {
        throw lexerError(expression, start, (err as Error).message.split(":")[0]!);
      }
    } else if (c === "<") {
      tokens.push(orElse("=", "lte", "lt"));
    } else if (c === ">") {
      tokens.push(orElse("=", "gte", "gt"));
    } else if (c === "!") {
      tokens.push(orElse("=", "ne", "not"));
    } else if (c === "=") {
      if (at(pos + 1) !== "=") throw lexerError(expression, pos, "Unknown token '='");
      tokens.push({ type: "eq", value: "==", start });
      pos += 2;
    } else {
      throw lexerError(expression, pos, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: "eof", value: "", start: chars.length });
  return tokens;
}

/** A `literal`: JSON, or (deprecated) a bare string. */
function literal(expression: string, start: number, lexeme: string): unknown {
  try {
    return parsePyJson(lexeme, { plainDicts: true });
  } catch {
    try {
      return parsePyJson(`"${lexeme.trimStart()}"`, { plainDicts: true });
    } catch {
      throw lexerError(expression, start, `Bad token ${lexeme}`);
    }
  }
}

const BINDING_POWER: Record<string, number> = {
  eof: 0, unquoted_identifier: 0, quoted_identifier: 0, literal: 0, rbracket: 0, rparen: 0, comma: 0,
  rbrace: 0, number: 0, current: 0, expref: 0, colon: 0, pipe: 1, or: 2, and: 3,
  eq: 5, gt: 5, lt: 5, gte: 5, lte: 5, ne: 5, flatten: 9, star: 20, filter: 21, dot: 40, not: 45,
  lbrace: 50, lbracket: 55, lparen: 60,
};
// tokens whose binding power is below this end a projection
const PROJECTION_STOP = 10;
const COMPARATORS: Record<string, string> = { eq: "EQ", ne: "NE", gt: "GT", gte: "GTE", lt: "LT", lte: "LTE" };

/** jmespath.py's Parser (a Pratt parser), producing jmespath.js nodes. */
class Parser {
  private tokens: Token[] = [];
  private index = 0;

  constructor(private readonly expression: string) {}

  parse(): Node {
    this.tokens = tokenize(this.expression);
    const node = this.expr(0);
    if (this.current() !== "eof") {
      const t = this.lookaheadToken(0);
      throw this.parseError(t, `Unexpected token: ${pyStr(t.value)}`);
    }
    return node;
  }

  private expr(bindingPower = 0): Node {
    const token = this.lookaheadToken(0);
    this.index++;
    let left = this.nud(token);
    let current = this.current();
    while (bindingPower < BINDING_POWER[current]!) {
      this.index++;
      left = this.led(current, left);
      current = this.current();
    }
    return left;
  }

  private nud(token: Token): Node {
    switch (token.type) {
      case "literal":
        return { type: "Literal", value: token.value };
      case "unquoted_identifier":
        return { type: "Field", name: token.value };
      case "quoted_identifier":
        if (this.current() === "lparen") {
          const t = this.lookaheadToken(0);
          throw this.parseError({ ...t, start: 0 }, "Quoted identifier not allowed for function names.");
        }
        return { type: "Field", name: token.value };
      case "star":
        return {
          type: "ValueProjection",
          children: [{ type: "Identity" }, this.current() === "rbracket" ? { type: "Identity" } : this.projectionRhs(BINDING_POWER.star!)],
        };
      case "filter":
        return this.filter({ type: "Identity" });
      case "lbrace":
        return this.multiSelectHash();
      case "lparen": {
        const node = this.expr();
        this.match("rparen");
        return node;
      }
      case "flatten":
        return { type: "Projection", children: [{ type: "Flatten", children: [{ type: "Identity" }] }, this.projectionRhs(BINDING_POWER.flatten!)] };
      case "not":
        return { type: "NotExpression", children: [this.expr(BINDING_POWER.not)] };
      case "lbracket":
        if (this.current() === "number" || this.current() === "colon") return this.projectIfSlice({ type: "Identity" }, this.indexExpression());
        if (this.current() === "star" && this.lookahead(1) === "rbracket") {
          this.index += 2;
          return { type: "Projection", children: [{ type: "Identity" }, this.projectionRhs(BINDING_POWER.star!)] };
        }
        return this.multiSelectList();
      case "current":
        return { type: "Current" };
      case "expref":
        return { type: "ExpressionReference", children: [this.expr(BINDING_POWER.expref)] };
      case "eof":
        throw this.incomplete();
      default:
        throw this.parseError(token, "invalid token");
    }
  }

  private led(type: string, left: Node): Node {
    switch (type) {
      case "dot":
        if (this.current() !== "star") return { type: "Subexpression", children: [left, this.dotRhs(BINDING_POWER.dot!)] };
        this.index++;
        return { type: "ValueProjection", children: [left, this.projectionRhs(BINDING_POWER.dot!)] };
      case "pipe":
        return { type: "Pipe", children: [left, this.expr(BINDING_POWER.pipe)] };
      case "or":
        return { type: "OrExpression", children: [left, this.expr(BINDING_POWER.or)] };
      case "and":
        return { type: "AndExpression", children: [left, this.expr(BINDING_POWER.and)] };
      case "lparen":
        return this.functionCall(left);
      case "filter":
        return this.filter(left);
      case "flatten":
        return { type: "Projection", children: [{ type: "Flatten", children: [left] }, this.projectionRhs(BINDING_POWER.flatten!)] };
      case "lbracket":
        if (this.current() === "number" || this.current() === "colon") {
          const right = this.indexExpression();
          // jmespath.py appends to an index expression rather than projecting a slice after it
          if (left.type === "IndexExpression") return { type: "IndexExpression", children: [left, right] };
          return this.projectIfSlice(left, right);
        }
        this.match("star");
        this.match("rbracket");
        return { type: "Projection", children: [left, this.projectionRhs(BINDING_POWER.star!)] };
      default:
        if (COMPARATORS[type]) return { type: "Comparator", name: COMPARATORS[type], children: [left, this.expr(BINDING_POWER[type])] };
        // a token that binds (star, not, lbrace) but cannot follow an expression
        this.index--;
        throw this.parseError(this.lookaheadToken(0), "invalid token");
    }
  }

  private functionCall(left: Node): Node {
    if (left.type !== "Field") {
      // the token before "(" named the function
      const t = this.lookaheadToken(-2);
      throw this.parseError(t, `Invalid function name '${pyStr(t.value)}'`);
    }
    const args: Node[] = [];
    while (this.current() !== "rparen") {
      const arg = this.expr();
      if (this.current() === "comma") this.match("comma");
      args.push(arg);
    }
    this.match("rparen");
    return { type: "Function", name: left.name, children: args };
  }

  private filter(left: Node): Node {
    const condition = this.expr(0);
    this.match("rbracket");
    const right = this.current() === "flatten" ? { type: "Identity" } : this.projectionRhs(BINDING_POWER.filter!);
    return { type: "FilterProjection", children: [left, right, condition] };
  }

  private indexExpression(): Node {
    if (this.lookahead(0) === "colon" || this.lookahead(1) === "colon") return this.sliceExpression();
    const node = { type: "Index", value: this.lookaheadToken(0).value };
    this.index++;
    this.match("rbracket");
    return node;
  }

  private sliceExpression(): Node {
    const parts: unknown[] = [null, null, null];
    let i = 0;
    while (this.current() !== "rbracket" && i < 3) {
      if (this.current() === "colon") {
        if (++i === 3) throw this.parseError(this.lookaheadToken(0), "syntax error");
        this.index++;
      } else if (this.current() === "number") {
        parts[i] = this.lookaheadToken(0).value;
        this.index++;
      } else {
        throw this.parseError(this.lookaheadToken(0), "syntax error");
      }
    }
    this.match("rbracket");
    return { type: "Slice", children: parts };
  }

  private projectIfSlice(left: Node, right: Node): Node {
    const indexed = { type: "IndexExpression", children: [left, right] };
    if (right.type !== "Slice") return indexed;
    return { type: "Projection", children: [indexed, this.projectionRhs(BINDING_POWER.star!)] };
  }

  private multiSelectList(): Node {
    const children: Node[] = [];
    for (;;) {
      children.push(this.expr());
      if (this.current() === "rbracket") break;
      this.match("comma");
    }
    this.match("rbracket");
    return { type: "MultiSelectList", children };
  }

  private multiSelectHash(): Node {
    const children: Node[] = [];
    for (;;) {
      const key = this.lookaheadToken(0);
      this.matchOneOf(["quoted_identifier", "unquoted_identifier"]);
      this.match("colon");
      children.push({ type: "KeyValuePair", name: key.value, value: this.expr(0) });
      if (this.current() === "comma") {
        this.match("comma");
      } else if (this.current() === "rbrace") {
        this.match("rbrace");
        break;
      }
    }
    return { type: "MultiSelectHash", children };
  }

  private projectionRhs(bindingPower: number): Node {
    const current = this.current();
    if (BINDING_POWER[current]! < PROJECTION_STOP) return { type: "Identity" };
    if (current === "lbracket" || current === "filter") return this.expr(bindingPower);
    if (current === "dot") {
      this.match("dot");
      return this.dotRhs(bindingPower);
    }
    throw this.parseError(this.lookaheadToken(0), "syntax error");
  }

  private dotRhs(bindingPower: number): Node {
    const current = this.current();
    if (current === "quoted_identifier" || current === "unquoted_identifier" || current === "star") return this.expr(bindingPower);
    if (current === "lbracket") {
      this.match("lbracket");
      return this.multiSelectList();
    }
    if (current === "lbrace") {
      this.match("lbrace");
      return this.multiSelectHash();
    }
    const t = this.lookaheadToken(0);
    throw this.parseError(t, `Expecting: ${pyRepr(["quoted_identifier", "unquoted_identifier", "lbracket", "lbrace"])}, got: ${t.type}`);
  }

  private match(type: string): void {
    if (this.current() === type) this.index++;
    else throw this.expected(type, this.lookaheadToken(0));
  }

  private matchOneOf(types: string[]): void {
    if (!types.includes(this.current())) throw this.expected(pyRepr(types), this.lookaheadToken(0));
    this.index++;
  }

  private expected(what: string, token: Token): JmesPathSyntaxError {
    if (token.type === "eof") return this.incomplete();
    return this.parseError(token, `Expecting: ${what}, got: ${token.type}`);
  }

  private current(): string {
    return this.tokens[this.index]!.type;
  }

  private lookahead(n: number): string {
    return this.tokens[this.index + n]!.type;
  }

  private lookaheadToken(n: number): Token {
    return this.tokens[this.index + n]!;
  }

  /** jmespath.py's ParseError: the reason, the token, and the expression with a caret under it. */
  private parseError(token: Token, reason: string): JmesPathSyntaxError {
    return new JmesPathSyntaxError(
      `${reason}: Parse error at column ${token.start}, token "${pyStr(token.value)}" (${token.type.toUpperCase()}), ` +
        `for expression:\n"${this.expression}"\n${" ".repeat(token.start + 1)}^`,
    );
  }

  /** IncompleteExpressionError: the caret goes past the end. */
  private incomplete(): JmesPathSyntaxError {
    return new JmesPathSyntaxError(
      `Invalid jmespath expression: Incomplete expression:\n"${this.expression}"\n${" ".repeat([...this.expression].length + 1)}^`,
    );
  }
}

/** Parse a JMESPath expression as jmespath.py does; throws JmesPathSyntaxError with its message. */
export function parse(expression: string): Node {
  return new Parser(expression).parse();
}
