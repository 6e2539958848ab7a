// The schema read as a flat list of keys, so the loader can map environment variables onto it,
// coerce their strings, and say in plain words what a key expects.
import { z } from 'zod';
import { configSchema } from './schema.js';

export interface ConfigKey {
  /** Dotted path, e.g. `storage.mysql.poolSize`. */
  path: string;
  /** The variable that overrides it, e.g. `IM_STORAGE__MYSQL__POOL_SIZE`. */
  envName: string;
  kind: 'number' | 'enum' | 'string';
  /** What a valid value is, for error messages: "an integer 0-65535". */
  expected: string;
}

export const ENV_PREFIX = 'IM_';

/** camelCase path segments → IM_ + UPPER_SNAKE, `__` between levels. */
export function envNameOf(path: readonly string[]): string {
  return ENV_PREFIX + path.map((seg) => seg.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()).join('__');
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault ? unwrap(schema.def.innerType as z.ZodType) : schema;
}

function describeNumber(n: z.ZodNumber): string {
  const what = n.isInt ? 'an integer' : 'a number';
  // Zod reports "no bound" as ±Infinity, or as the safe-integer limits for .int().
  const hasMin = n.minValue !== null && n.minValue > Number.MIN_SAFE_INTEGER;
  const hasMax = n.maxValue !== null && n.maxValue < Number.MAX_SAFE_INTEGER;
  if (hasMin && hasMax) return `${what} ${n.minValue}-${n.maxValue}`;
  if (hasMin) return `${what} >= ${n.minValue}`;
  if (hasMax) return `${what} <= ${n.maxValue}`;
  return what;
}

function leaf(path: string[], schema: z.ZodType): ConfigKey {
  const base = { path: path.join('.'), envName: envNameOf(path) };
  if (schema instanceof z.ZodNumber) return { ...base, kind: 'number', expected: describeNumber(schema) };
  if (schema instanceof z.ZodEnum) return { ...base, kind: 'enum', expected: `one of ${schema.options.join(', ')}` };
  if (schema instanceof z.ZodString) return { ...base, kind: 'string', expected: schema.description ?? 'a string' };
  // A new kind of key (boolean, list…) needs env coercion written for it; fail loudly until then.
  throw new Error(`config schema: no env coercion for the type of ${base.path}`);
}

function walk(schema: z.ZodType, path: string[], keys: ConfigKey[], sections: string[]): void {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) {
    keys.push(leaf(path, inner));
    return;
  }
  if (path.length > 0) sections.push(path.join('.'));
  for (const [name, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) walk(child, [...path, name], keys, sections);
}

function flatten(): { keys: ConfigKey[]; sections: string[] } {
  const keys: ConfigKey[] = [];
  const sections: string[] = [];
  walk(configSchema, [], keys, sections);
  return { keys, sections };
}

const flat = flatten();

/** Every leaf key of the schema, in schema order. */
export const CONFIG_KEYS: readonly ConfigKey[] = flat.keys;
/** Every nested section path (`server`, `storage`, `storage.mysql`, …). */
export const CONFIG_SECTIONS: readonly string[] = flat.sections;
/** Names of the top-level keys (sections and top-level leaves like `mode`). */
export const TOP_LEVEL_KEYS: readonly string[] = Object.keys(configSchema.shape);

const byPath = new Map(CONFIG_KEYS.map((k) => [k.path, k]));
const byEnv = new Map(CONFIG_KEYS.map((k) => [k.envName, k]));

export function keyByPath(path: string): ConfigKey | undefined {
  return byPath.get(path);
}

export function keyByEnvName(name: string): ConfigKey | undefined {
  return byEnv.get(name);
}
