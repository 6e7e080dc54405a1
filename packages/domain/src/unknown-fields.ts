import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  element?: z.core.$ZodType;
  items?: z.core.$ZodType[];
  rest?: z.core.$ZodType | null;
  valueType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  discriminator?: string;
  left?: z.core.$ZodType;
  right?: z.core.$ZodType;
  getter?: () => z.core.$ZodType;
  values?: unknown[];
};

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

/**
 * The field names the object schema at `path` accepts, read from the schema itself (so they can
 * never drift from what validation accepts). `input` picks the branch of a discriminated union,
 * e.g. which script step `scripts.0` is. Empty when the path leads to no object.
 */
export function knownFieldsAt(schema: z.core.$ZodType, path: readonly PropertyKey[], input: unknown): string[] {
  return [...new Set(shapesAt(schema, path, input).flatMap((shape) => Object.keys(shape)))];
}

function shapesAt(schema: z.core.$ZodType, path: readonly PropertyKey[], value: unknown): Record<string, z.core.$ZodType>[] {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) return shapesAt(def.innerType, path, value);
  if (def.type === 'pipe' && def.in) return shapesAt(def.in, path, value);
  if (def.type === 'lazy' && def.getter) return shapesAt(def.getter(), path, value);
  if (def.type === 'union') return branchesFor(def, value).flatMap((option) => shapesAt(option, path, value));
  if (def.type === 'intersection') return [def.left!, def.right!].flatMap((side) => shapesAt(side, path, value));
  if (path.length === 0) return def.type === 'object' && def.shape ? [def.shape] : [];

  const [head, ...rest] = path;
  const child = childOf(def, head!);
  return child ? shapesAt(child, rest, valueAt(value, head!)) : [];
}

function childOf(def: Def, key: PropertyKey): z.core.$ZodType | undefined {
  switch (def.type) {
    case 'object':
      return def.shape?.[String(key)];
    case 'array':
      return def.element;
    case 'tuple':
      return def.items?.[Number(key)] ?? def.rest ?? undefined;
    case 'record':
      return def.valueType;
    default:
      return undefined;
  }
}

// The branches of a discriminated union the value's tag selects; every branch otherwise.
function branchesFor(def: Def, value: unknown): z.core.$ZodType[] {
  const options = def.options ?? [];
  if (!def.discriminator || typeof value !== 'object' || value === null) return options;
  const tag = (value as Record<string, unknown>)[def.discriminator];
  const matching = options.filter((option) => {
    const discriminant = defOf(option).shape?.[def.discriminator!];
    return discriminant !== undefined && (defOf(discriminant).values ?? []).includes(tag);
  });
  return matching.length > 0 ? matching : options;
}

function valueAt(value: unknown, key: PropertyKey): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
}

/**
 * The known field an unknown one was probably meant to be: the same name in another case
 * (`sendtime` -> `sendTime`), else the nearest by edit distance when it is near enough
 * (about one typo per three characters), else the one known field that begins or ends with it
 * (`windows` -> `callWindows`). Undefined when nothing is close.
 */
export function suggestField(unknown: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = unknown.toLowerCase();
  const sameName = known.find((field) => field.toLowerCase() === lower);
  if (sameName !== undefined) return sameName;
  const lowered = known.map((field) => field.toLowerCase());
  const nearest = closest(lower, lowered);
  if (distance(lower, nearest) <= Math.max(1, Math.round(unknown.length / 3))) return known[lowered.indexOf(nearest)];
  if (lower.length < 4) return undefined;
  const part = lowered.flatMap((field, i) => (field.startsWith(lower) || field.endsWith(lower) ? [known[i]!] : []));
  return part.length === 1 ? part[0] : undefined;
}
