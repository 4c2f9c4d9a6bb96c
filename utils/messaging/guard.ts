/**
 * Tiny runtime guards for data that crosses a trust boundary (messages, backups). Each guard either
 * returns the value, typed, or throws a ValidationError naming the path that failed. Objects are
 * checked strictly: unknown keys and prototype-polluting keys are errors, not silently dropped.
 */
export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || 'value'}: ${problem}`);
    this.name = 'ValidationError';
  }
}

export type Guard<T> = (value: unknown, path?: string) => T;
export type Guarded<G> = G extends Guard<infer T> ? T : never;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function string(options: { min?: number; max: number; pattern?: RegExp }): Guard<string> {
  return (value, path = '') => {
    if (typeof value !== 'string') throw new ValidationError(path, 'expected a string');
    if (value.length < (options.min ?? 0)) throw new ValidationError(path, 'too short');
    if (value.length > options.max) throw new ValidationError(path, `longer than ${options.max} characters`);
    if (options.pattern && !options.pattern.test(value)) throw new ValidationError(path, 'has the wrong form');
    return value;
  };
}

export function integer(options: { min: number; max: number }): Guard<number> {
  return (value, path = '') => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new ValidationError(path, 'expected an integer');
    if (value < options.min || value > options.max) throw new ValidationError(path, 'out of range');
    return value;
  };
}

export const boolean: Guard<boolean> = (value, path = '') => {
  if (typeof value !== 'boolean') throw new ValidationError(path, 'expected true or false');
  return value;
};

export function literal<const T extends string | number | boolean>(...allowed: T[]): Guard<T> {
  return (value, path = '') => {
    if (!allowed.includes(value as T)) throw new ValidationError(path, `expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value, path) => (value === undefined ? undefined : guard(value, path));
}

export function array<T>(item: Guard<T>, options: { max: number }): Guard<T[]> {
  return (value, path = '') => {
    if (!Array.isArray(value)) throw new ValidationError(path, 'expected a list');
    if (value.length > options.max) throw new ValidationError(path, `more than ${options.max} items`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

type Shape = Record<string, Guard<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S as undefined extends Guarded<S[K]> ? never : K]: Guarded<S[K]> } & {
  [K in keyof S as undefined extends Guarded<S[K]> ? K : never]?: Guarded<S[K]>;
};

/** A plain object with exactly these keys (optional ones may be missing). Returns a fresh copy. */
export function object<S extends Shape>(shape: S): Guard<ObjectOf<S>> {
  return (value, path = '') => {
    if (!isPlainObject(value)) throw new ValidationError(path, 'expected an object');
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new ValidationError(`${path}.${key}`, 'forbidden key');
      if (!Object.hasOwn(shape, key)) throw new ValidationError(`${path}.${key}`, 'unexpected key');
    }
    const out: Record<string, unknown> = {};
    for (const [key, guard] of Object.entries(shape)) {
      const checked = guard(value[key], path ? `${path}.${key}` : key);
      if (checked !== undefined) out[key] = checked;
    }
    return out as ObjectOf<S>;
  };
}

/** An absolute http(s) URL of bounded length. */
export const httpUrl: Guard<string> = (value, path = '') => {
  const s = string({ min: 1, max: 8192 })(value, path);
  let parsed: URL;
  try {
    parsed = new URL(s);
  } catch {
    throw new ValidationError(path, 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ValidationError(path, 'not an http(s) URL');
  return s;
};
