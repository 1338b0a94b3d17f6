// A strict JSON reader for signed documents. Unlike JSON.parse it refuses duplicate keys (parsers
// disagree on which one wins, so the same signed bytes could mean two things), limits size and
// depth, and says where it stopped, as a JSON path.
import { err, ok, type Result } from '@seggio/crypto';

export interface JsonProblem {
  /** A JSON path such as `$.contests[1].lists[0].name`, or `$` for the document. */
  readonly path: string;
  readonly message: string;
}

export interface JsonLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const pathKey = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

class JsonSyntaxError extends Error {}

export function parseStrictJson(input: Uint8Array | string, limits: JsonLimits): Result<Json, JsonProblem> {
  const size = typeof input === 'string' ? new TextEncoder().encode(input).length : input.length;
  if (size > limits.maxBytes) {
    return err({ path: '$', message: `the document is ${size} bytes; at most ${limits.maxBytes} are allowed` });
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    return err({ path: '$', message: 'the document is not valid UTF-8' });
  }
  if (text.charCodeAt(0) === 0xfeff) return err({ path: '$', message: 'the document begins with a byte-order mark; plain UTF-8 is required' });

  let pos = 0;
  let path = '$';
  const fail: (what: string) => never = (what) => {
    const line = text.slice(0, pos).split('\n').length;
    throw new JsonSyntaxError(`${what} at line ${line}, character ${pos - text.lastIndexOf('\n', pos - 1)}`);
  };
  const space = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const expect = (literal: string, value: Json): Json => {
    if (text.startsWith(literal, pos)) {
      pos += literal.length;
      return value;
    }
    return fail('unexpected text');
  };

  const string = (): string => {
    pos++; // opening quote
    let out = '';
    for (;;) {
      const c = text[pos];
      if (c === undefined) fail('unterminated string');
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === '\\') {
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          fail('invalid escape in string');
        }
      } else if (c < ' ') {
        fail('unescaped control character in string');
      } else {
        out += c;
        pos++;
      }
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): Json => {
    if (depth > limits.maxDepth) fail(`nesting deeper than ${limits.maxDepth} levels`);
    space();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const object: { [key: string]: Json } = {};
      const seen = new Set<string>();
      space();
      if (text[pos] === '}') {
        pos++;
        return object;
      }
      for (;;) {
        space();
        if (text[pos] !== '"') fail('expected a quoted key');
        const key = string();
        const parent = path;
        path = pathKey(parent, key);
        if (seen.has(key)) fail('duplicate key');
        seen.add(key);
        space();
        if (text[pos] !== ':') fail("expected ':'");
        pos++;
        Object.defineProperty(object, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        path = parent;
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return object;
        } else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const array: Json[] = [];
      space();
      if (text[pos] === ']') {
        pos++;
        return array;
      }
      for (;;) {
        const parent = path;
        path = pathKey(parent, array.length);
        array.push(value(depth + 1));
        path = parent;
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return array;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return expect('true', true);
    if (c === 'f') return expect('false', false);
    if (c === 'n') return expect('null', null);
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) return fail(c === undefined ? 'unexpected end of document' : 'unexpected character');
    pos += match[0].length;
    const n = Number(match[0]);
    if (!Number.isFinite(n)) fail('number out of range');
    return n;
  };

  try {
    const result = value(0);
    space();
    if (pos !== text.length) fail('unexpected text after the document');
    return ok(result);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return err({ path, message: `not valid JSON: ${error.message}` });
    throw error;
  }
}
