// Malformed requests for any route, derived from its OpenAPI body schema: a plausible body, then one
// change that no valid request has (a wrong JSON type, a missing required field, an unknown field, text
// the store cannot hold, nesting too deep, a number beyond the field's range, bad money, a currency or
// time outside the lists, a body that is not JSON, a wrong Content-Type or Content-Encoding). Every
// input here must be refused, so a 2xx is as much a finding as a 5xx.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import { LIMITS } from '@ledger/kernel';

export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  nullable?: boolean;
  additionalProperties?: unknown;
};

/** One request as it goes on the wire. */
export interface MalformedRequest {
  what: string;
  contentType: string;
  contentEncoding?: string;
  body: string | Buffer;
}

type Path = Array<string | number>;
interface Field {
  path: Path;
  schema: Schema;
  required: boolean;
}

const SAMPLE_TIME = '2026-03-01T10:00:00Z';
const TOO_DEEP = LIMITS.http.jsonNestingLevels + 1;

export function resolve(doc: OpenAPIObject, schema: Schema): Schema {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 20; hops++) s = (doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {}) as Schema;
  if (s.allOf) {
    const parts = s.allOf.map((p) => resolve(doc, p));
    return { ...s, type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
  }
  return s;
}

/** A body shaped like the schema, every property present: each field is then a target for one change. */
export function sampleOf(doc: OpenAPIObject, schema: Schema, name = '', depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (s.oneOf ?? s.anyOf) return sampleOf(doc, (s.oneOf ?? s.anyOf)![0]!, name, depth);
  switch (s.type) {
    case 'string':
      return s.format === 'date-time' ? SAMPLE_TIME : /currency/i.test(name) ? 'EUR' : 'x1';
    case 'integer':
    case 'number':
      return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return true;
    case 'array':
      return depth > 8 || !s.items ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sampleOf(doc, s.items!, name, depth + 1));
    default:
      if (!s.properties || depth > 8) return {};
      return Object.fromEntries(Object.entries(s.properties).map(([key, p]) => [key, sampleOf(doc, p, key, depth + 1)]));
  }
}

/** Every field of `value` with its schema (nested objects and array items too). */
export function fieldsOf(doc: OpenAPIObject, schema: Schema, value: unknown, path: Path = [], required = true): Field[] {
  const s = resolve(doc, schema);
  const here: Field[] = path.length > 0 ? [{ path, schema: s, required }] : [];
  if (Array.isArray(value) && s.items) return [...here, ...value.flatMap((item, i) => fieldsOf(doc, s.items!, item, [...path, i], true))];
  if (value !== null && typeof value === 'object' && s.properties) {
    const nested = Object.entries(s.properties).flatMap(([key, p]) => fieldsOf(doc, p, (value as Record<string, unknown>)[key], [...path, key], (s.required ?? []).includes(key)));
    return [...here, ...nested];
  }
  return here;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The JSON types a schema accepts, or null when it does not say (then no wrong type can be named). */
function acceptedTypes(doc: OpenAPIObject, schema: Schema): Set<string> | null {
  const s = resolve(doc, schema);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) {
    const sets = alternatives.map((a) => acceptedTypes(doc, a));
    if (sets.some((x) => x === null)) return null;
    return new Set(sets.flatMap((x) => [...x!]));
  }
  if (!s.type && !s.properties) return s.enum ? new Set(s.enum.map(jsonTypeOf)) : null;
  const type = s.type ?? 'object';
  const types = new Set([type]);
  if (type === 'number') types.add('integer');
  if (s.nullable) types.add('null');
  return types;
}

function setAt(body: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

function deleteAt(body: unknown, path: Path): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  delete node[path[path.length - 1]!];
  return copy;
}

/** Sets `key` as JSON.parse would (an own property even for `__proto__`), not as an assignment would. */
function withKey(body: unknown, path: Path, key: string): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const step of path) node = node[step] as Record<string | number, unknown>;
  Object.defineProperty(node, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
  return copy;
}

const pathText = (path: Path) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') || '(body)';

function nested(levels: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = asArray ? [value] : { n: value };
  return value;
}

const json = (what: string, body: unknown): MalformedRequest => ({ what, contentType: 'application/json', body: JSON.stringify(body) });

const UNKNOWN_KEYS = ['zzUnknown', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'org'];
const BAD_TEXT = ['a\u0000b', '\u0000', '\uD800', 'x\uDBFFy', '\uDC00x', 'ok\uDFFF'];
const WRONG_VALUES: unknown[] = [123, -7, 1.5, 'text', true, false, null, [], [1, 'a'], {}, { a: 1 }];
const HUGE = [1e308, -1e308, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, Number.MAX_VALUE];
const BAD_CURRENCIES = ['ABC', 'XYZ', 'eur', 'EURO', '', ' EUR', 'XXX', 'E\u0000R'];
const BAD_TIMES = ['0000-01-01T00:00:00Z', '9999-12-31T23:00:00Z', '1969-12-31T23:59:59Z', '2100-01-01T00:00:01Z', '2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00+15:00', '2026-03-01', '2026-03-01T10:00:00', 'yesterday', '', '+275760-09-13T00:00:00Z'];
const BAD_MONEY_AMOUNTS = [-1, 0.5, -0.01, 1.5, -1e12, 1e13];

/** One malformed JSON body (or one malformed request around a valid-looking body) for a route whose body schema is `schema`. */
export function malformedJsonBody(doc: OpenAPIObject, schema: Schema, options = { unknownFields: true }): fc.Arbitrary<{ what: string; body: unknown }> {
  const base = sampleOf(doc, schema);
  const fields = fieldsOf(doc, schema, base);
  const objects: Path[] = [[], ...fields.filter((f) => resolve(doc, f.schema).properties).map((f) => f.path)];
  const pick = <T>(items: T[]) => fc.constantFrom(...items);
  const choices: Array<fc.Arbitrary<{ what: string; body: unknown }>> = [
    pick(objects).chain((path) => pick(BAD_TEXT).map((bad) => ({ what: `bad text in a key at ${pathText(path)}`, body: setAt(base, [...path, `k${bad}`], 1) }))),
    fc.tuple(pick([[] as Path, ...fields.map((f) => f.path)]), fc.integer({ min: TOO_DEEP, max: TOO_DEEP + 40 }), fc.boolean()).map(([path, levels, asArray]) => ({
      what: `${levels} levels deep at ${pathText(path)}`,
      body: path.length === 0 ? { ...(base as object), zzDeep: nested(levels, 1, asArray) } : setAt(base, path, nested(levels, 1, asArray)),
    })),
  ];
  if (options.unknownFields) {
    choices.push(fc.tuple(pick(objects), pick(UNKNOWN_KEYS)).map(([path, key]) => ({ what: `unknown field ${key} at ${pathText(path)}`, body: withKey(base, path, key) })));
  }
  if (fields.length > 0) {
    choices.push(pick(fields).chain((f) => pick(BAD_TEXT).map((bad) => ({ what: `bad text at ${pathText(f.path)}`, body: setAt(base, f.path, bad) }))));
  }
  const typed = fields.flatMap((f) => {
    const accepted = acceptedTypes(doc, f.schema);
    if (!accepted) return [];
    const wrong = WRONG_VALUES.filter((v) => !accepted.has(jsonTypeOf(v)) && !(v === null && !f.required));
    return wrong.length > 0 ? [{ f, wrong }] : [];
  });
  if (typed.length > 0) choices.push(pick(typed).chain(({ f, wrong }) => pick(wrong).map((v) => ({ what: `wrong type ${JSON.stringify(v)} at ${pathText(f.path)}`, body: setAt(base, f.path, v) }))));
  const required = fields.filter((f) => f.required);
  if (required.length > 0) choices.push(pick(required).map((f) => ({ what: `missing ${pathText(f.path)}`, body: deleteAt(base, f.path) })));
  const numbers = fields.filter((f) => ['integer', 'number'].includes(resolve(doc, f.schema).type ?? ''));
  if (numbers.length > 0) choices.push(fc.tuple(pick(numbers), pick(HUGE)).map(([f, n]) => ({ what: `huge number ${n} at ${pathText(f.path)}`, body: setAt(base, f.path, n) })));
  const money = fields.filter((f) => resolve(doc, f.schema).properties?.amount && resolve(doc, f.schema).properties?.currency);
  if (money.length > 0) choices.push(fc.tuple(pick(money), pick(BAD_MONEY_AMOUNTS)).map(([f, n]) => ({ what: `money amount ${n} at ${pathText(f.path)}`, body: setAt(base, [...f.path, 'amount'], n) })));
  const currencies = fields.filter((f) => f.path[f.path.length - 1] === 'currency' && resolve(doc, f.schema).type === 'string');
  if (currencies.length > 0) choices.push(fc.tuple(pick(currencies), pick(BAD_CURRENCIES)).map(([f, c]) => ({ what: `currency ${JSON.stringify(c)} at ${pathText(f.path)}`, body: setAt(base, f.path, c) })));
  const times = fields.filter((f) => resolve(doc, f.schema).format === 'date-time');
  if (times.length > 0) choices.push(fc.tuple(pick(times), pick(BAD_TIMES)).map(([f, time]) => ({ what: `time ${JSON.stringify(time)} at ${pathText(f.path)}`, body: setAt(base, f.path, time) })));
  return fc.oneof(...choices);
}

/** A body that is not one JSON object, whatever else it is. */
const notAJsonObject = fc.oneof(
  fc.constantFrom('{"a":', 'nope', '[]', '[{}]', '"text"', '42', 'null', 'true', '{"a":1}}', "{'a':1}", '\u0000', '{"a":"\\ud800"', '\uFEFF{}x'),
  fc.string().filter((text) => {
    if (text.trim() === '') return false; // no body is an empty command, a request like any other
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
    } catch {
      return true;
    }
  }),
);

/** A request whose framing is wrong whatever its body: not JSON, another Content-Type, a Content-Encoding that lies or is unknown. */
export function malformedFraming(validLooking: string, contentType: string): fc.Arbitrary<MalformedRequest> {
  return fc.oneof(
    notAJsonObject.map((body) => ({ what: `not a JSON object: ${JSON.stringify(body).slice(0, 40)}`, contentType, body })),
    fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', contentType === 'application/json' ? 'application/x-ndjson' : 'application/json').map((type) => ({ what: `Content-Type ${type}`, contentType: type, body: validLooking })),
    fc.constantFrom('gzip', 'deflate', 'br').map((encoding) => ({ what: `Content-Encoding ${encoding}, plain body`, contentType, contentEncoding: encoding, body: validLooking })),
    fc.constantFrom('compress', 'zstd', 'gzip, br', 'x-unknown', 'identity, gzip').map((encoding) => ({ what: `Content-Encoding ${encoding}`, contentType, contentEncoding: encoding, body: validLooking })),
    fc.constant({ what: 'gzip cut short', contentType, contentEncoding: 'gzip', body: gzipSync(validLooking).subarray(0, 12) }),
  );
}

export const asJsonRequest = ({ what, body }: { what: string; body: unknown }): MalformedRequest => json(what, body);
