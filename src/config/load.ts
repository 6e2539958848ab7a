// Builds the running Config from three layers, later winning: schema defaults ← one YAML file ←
// IM_* environment variables. Every error says where the bad value came from (file or variable),
// which key, and what was expected, because an operator reads it at 3 a.m. with no debugger.
//
// Which file: `--config FILE` / `--config=FILE` (last one wins), else $IM_CONFIG (if non-empty),
// else config/default.yaml under the working directory if it exists, else none ("defaults").
// A file named by --config or IM_CONFIG must exist; the default file is optional.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML, { YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { CONFIG_KEYS, CONFIG_SECTIONS, ENV_PREFIX, TOP_LEVEL_KEYS, envNameOf, keyByEnvName, keyByPath, type ConfigKey } from './keys.js';
import { configSchema, type Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'config/default.yaml';

/** production.example.yaml ships a secret starting with this; production refuses to run with it. */
const PLACEHOLDER_SECRET_PREFIX = 'CHANGE-ME';

export interface ConfigProblem {
  /** A file path (with :line:col for YAML syntax), an IM_* variable name, or `--config`. */
  source: string;
  /** Dotted key path, when the problem is about one key. */
  key?: string;
  detail: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `${p.source}: ${p.key ? `${p.key}: ` : ''}${p.detail}`).join('\n'));
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadOptions {
  argv?: readonly string[];
  env?: Env;
  /** Where relative file paths and config/default.yaml are resolved. */
  cwd?: string;
}

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the YAML file used, or 'defaults'. */
  source: string;
}

type Tree = Record<string, unknown>;

export function loadConfig({ argv = process.argv.slice(2), env = process.env, cwd = process.cwd() }: LoadOptions = {}): LoadedConfig {
  const file = chooseFile(argv, env, cwd);
  const tree = file ? readYaml(file.path, file.namedBy) : {};
  const fileSource = file?.path ?? 'defaults';
  emptySectionsToMappings(tree);

  const { origins, problems } = applyEnv(tree, env);
  const originOf = (path: string) => origins.get(path) ?? fileSource;

  const parsed = configSchema.safeParse(tree);
  if (!parsed.success) throw new ConfigError([...problems, ...parsed.error.issues.flatMap((issue) => explain(issue, tree, originOf))]);
  problems.push(...productionRules(parsed.data, originOf));
  if (problems.length > 0) throw new ConfigError(problems);
  return { config: parsed.data, source: fileSource };
}

// ── which file ────────────────────────────────────────────────────────────────────────────

interface ChosenFile {
  path: string;
  namedBy: string | null;
}

function chooseFile(argv: readonly string[], env: Env, cwd: string): ChosenFile | null {
  const fromArgv = configArg(argv);
  if (fromArgv !== undefined) return { path: resolve(cwd, fromArgv), namedBy: '--config' };
  const fromEnv = env.IM_CONFIG;
  if (fromEnv) return { path: resolve(cwd, fromEnv), namedBy: 'IM_CONFIG' };
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? { path: fallback, namedBy: null } : null;
}

function configArg(argv: readonly string[]): string | undefined {
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === '--config') value = argv[++i];
    else if (arg.startsWith('--config=')) value = arg.slice('--config='.length);
    else continue;
    if (!value || value.startsWith('--')) throw new ConfigError([{ source: '--config', detail: 'needs a file path' }]);
    file = value;
  }
  return file;
}

function readYaml(path: string, namedBy: string | null): Tree {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const detail = code === 'ENOENT' ? `config file not found${namedBy ? ` (named by ${namedBy})` : ''}` : `cannot read config file (${code ?? (err as Error).message})`;
    throw new ConfigError([{ source: path, detail }]);
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    if (!(err instanceof YAMLParseError)) throw err;
    const pos = err.linePos?.[0];
    const where = pos ? `${path}:${pos.line}:${pos.col}` : path;
    throw new ConfigError([{ source: where, detail: `invalid YAML: ${err.message.split(' at line ')[0]}` }]);
  }
  if (doc === null || doc === undefined) return {}; // empty or comments only
  if (!isTree(doc)) throw new ConfigError([{ source: path, detail: `expected a mapping of config keys at the top level, got ${show(doc)}` }]);
  return doc;
}

/** A section left with every key commented out parses as null; that means "all defaults". */
function emptySectionsToMappings(tree: Tree): void {
  for (const section of CONFIG_SECTIONS) {
    const segs = section.split('.');
    const parent = getAt(tree, segs.slice(0, -1));
    if (isTree(parent) && parent[segs.at(-1)!] === null) parent[segs.at(-1)!] = {};
  }
}

// ── environment ───────────────────────────────────────────────────────────────────────────

/** IM_* variables that belong to tooling, not to the config. */
function isToolingVar(name: string): boolean {
  return name === 'IM_CONFIG' || name === 'IM_REQUIRE_SERVICES' || name.startsWith('IM_TEST_');
}

const TOP_LEVEL_ENV = TOP_LEVEL_KEYS.map((k) => envNameOf([k]));
const SECTION_ENV = new Map(CONFIG_SECTIONS.map((s) => [envNameOf(s.split('.')), s]));

/** Unknown names shaped like config are typos; anything else with IM_ is someone else's. */
function looksLikeConfig(name: string): boolean {
  return name.includes('__') || TOP_LEVEL_ENV.some((top) => name === top || name.startsWith(`${top}_`));
}

function applyEnv(tree: Tree, env: Env): { origins: Map<string, string>; problems: ConfigProblem[] } {
  const origins = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.startsWith(ENV_PREFIX) || isToolingVar(name)) continue;
    const key = keyByEnvName(name);
    if (key) {
      setAt(tree, key.path.split('.'), coerce(key, value));
      origins.set(key.path, name);
    } else if (looksLikeConfig(name)) {
      problems.push({ source: name, detail: unknownVarDetail(name) });
    }
  }
  return { origins, problems };
}

/**
 * Numbers are converted only when they look like a decimal number; anything else stays a string
 * so that the schema rejects it and the error shows what was written. Enums and strings pass as-is.
 */
function coerce(key: ConfigKey, value: string): unknown {
  return key.kind === 'number' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

function unknownVarDetail(name: string): string {
  const section = SECTION_ENV.get(name);
  if (section) {
    const example = CONFIG_KEYS.find((k) => k.path.startsWith(`${section}.`))!;
    return `names the section ${section}, not a key (e.g. ${example.envName})`;
  }
  const squash = (s: string) => s.replace(/_+/g, '_');
  const near = CONFIG_KEYS.find((k) => squash(k.envName) === squash(name));
  return near
    ? `unknown config variable (did you mean ${near.envName}?)`
    : `unknown config variable; IM_ variables containing '__' or named after a section must name a key (see ${DEFAULT_CONFIG_FILE})`;
}

// ── explaining schema errors ──────────────────────────────────────────────────────────────

function explain(issue: z.core.$ZodIssue, tree: Tree, originOf: (path: string) => string): ConfigProblem[] {
  const path = issue.path.map(String);
  const dotted = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => {
      const full = dotted ? `${dotted}.${k}` : k;
      return { source: originOf(full), key: full, detail: `unknown key${suggestKey(dotted, k)}` };
    });
  }
  const got = getAt(tree, path);
  const key = keyByPath(dotted);
  if (!key) return [{ source: originOf(dotted), key: dotted, detail: `expected a mapping, got ${show(got)}` }];
  const hint = key.kind === 'string' && (typeof got === 'number' || typeof got === 'boolean') ? ' (quote it in YAML)' : '';
  return [{ source: originOf(dotted), key: dotted, detail: `expected ${key.expected}, got ${showValue(key, got)}${hint}` }];
}

/** Catches snake_case and wrong-case spellings: `jwt_secret` → auth.jwtSecret. */
function suggestKey(parent: string, name: string): string {
  const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
  const prefix = parent ? `${parent}.` : '';
  const near = [...CONFIG_KEYS.map((k) => k.path), ...CONFIG_SECTIONS].find(
    (p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('.') && norm(p.slice(prefix.length)) === norm(name),
  );
  return near ? ` (did you mean ${near}?)` : '';
}

function productionRules(config: Config, originOf: (path: string) => string): ConfigProblem[] {
  if (config.mode !== 'production') return [];
  const key = 'auth.jwtSecret';
  const secret = config.auth.jwtSecret;
  const { publicKeyFiles, jwksFile, jwksUrl } = config.auth;
  // Tokens signed with a private key elsewhere need no shared secret here.
  if (secret === '' && publicKeyFiles === '' && jwksFile === '' && jwksUrl === '') {
    return [{ source: originOf(key), key, detail: `must be set in production mode (in the file or ${keyByPath(key)!.envName})` }];
  }
  if (secret.startsWith(PLACEHOLDER_SECRET_PREFIX)) {
    return [{ source: originOf(key), key, detail: 'is still the example placeholder; replace it with a random secret (openssl rand -hex 32)' }];
  }
  return [];
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

function isTree(v: unknown): v is Tree {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function getAt(tree: Tree, path: readonly string[]): unknown {
  let cur: unknown = tree;
  for (const seg of path) cur = isTree(cur) ? cur[seg] : undefined;
  return cur;
}

/** Creates missing sections; leaves a non-mapping in place so the schema reports the file's mistake. */
function setAt(tree: Tree, path: readonly string[], value: unknown): void {
  let cur = tree;
  for (const seg of path.slice(0, -1)) {
    if (cur[seg] === undefined) cur[seg] = {};
    const next = cur[seg];
    if (!isTree(next)) return;
    cur = next;
  }
  cur[path.at(-1)!] = value;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return 'a list';
  if (isTree(v)) return 'a mapping';
  return String(v);
}

/** Secrets are never echoed into logs, even when they are the wrong type. */
function showValue(key: ConfigKey, v: unknown): string {
  return /secret|password/i.test(key.path) && v !== null && !isTree(v) && !Array.isArray(v) ? `a ${typeof v}` : show(v);
}
