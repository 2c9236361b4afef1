/**
 * Route templates as the Functions host (ASP.NET routing) reads them: literal segments match
 * case-insensitively, `{name}` one segment, `{name?}` an optional last segment, `{name:int}` a
 * constrained one, `{*rest}` everything that is left.
 */

export type RouteMatcher = (path: string) => Record<string, string> | undefined;

// The constraints the host documents for functions; others are accepted without a check, as a
// local mismatch is better than refusing to start.
const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  alpha: /^[A-Za-z]+$/,
  bool: /^(true|false)$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  decimal: /^-?\d+(\.\d+)?$/,
  double: /^-?\d+(\.\d+)?$/,
};

interface Segment {
  literal?: string;
  param?: string;
  optional?: boolean;
  catchAll?: boolean;
  constraint?: RegExp;
}

function parseSegment(raw: string, template: string): Segment {
  const m = /^\{(\*)?([A-Za-z_][\w]*)(?::([A-Za-z]+)(?:\([^)]*\))?)?(\?)?\}$/.exec(raw);
  if (!m) {
    if (/[{}]/.test(raw)) throw new Error(`route '${template}': cannot read segment '${raw}'`);
    return { literal: raw.toLowerCase() };
  }
  const [, star, param, constraint, optional] = m;
  return {
    param,
    catchAll: star === '*',
    optional: optional === '?',
    constraint: constraint ? CONSTRAINTS[constraint.toLowerCase()] : undefined,
  };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `prefix` is the host's routePrefix ("api"); `template` the function's route. */
export function compileRoute(prefix: string, template: string): RouteMatcher {
  const full = [prefix, template.replace(/^\/+|\/+$/g, '')].filter(Boolean).join('/');
  const segments = full.split('/').map((raw) => parseSegment(raw, template));

  return (path) => {
    const parts = path.replace(/^\/+|\/+$/g, '').split('/');
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i += 1) {
      const segment = segments[i] as Segment;
      const part = parts[i];
      if (segment.catchAll && segment.param) {
        const rest = parts.slice(i).map(decode);
        if (rest.some((p) => p === undefined)) return undefined;
        params[segment.param] = rest.join('/');
        return params;
      }
      if (part === undefined || part === '') {
        if (segment.optional && i === segments.length - 1) return params;
        return undefined;
      }
      const value = decode(part);
      if (value === undefined) return undefined;
      if (segment.literal !== undefined) {
        if (value.toLowerCase() !== segment.literal) return undefined;
      } else if (segment.param) {
        if (segment.constraint && !segment.constraint.test(value)) return undefined;
        params[segment.param] = value;
      }
    }
    return parts.length === segments.length ? params : undefined;
  };
}
