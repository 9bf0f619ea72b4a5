/**
 * Every route of the app as buildServer assembles it, read from Fastify's own
 * route tree, so a route added tomorrow is fuzzed without anyone listing it.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  /** As registered: /verify/:code, /kiosk/*. */
  path: string;
  methods: string[];
}

/**
 * Parses `printRoutes({ commonPrefix: false })`: one node per line, its depth
 * given by the tree drawing in front of it (four columns per level), its
 * segment after that and its methods in parentheses.
 */
export function listRoutes(app: FastifyInstance): RouteInfo[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RouteInfo[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│├└─\s]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.floor(match[1]!.length / 4);
    stack.length = depth;
    stack.push(match[2]!);
    if (!match[3]) continue;
    const path = stack.join('');
    routes.push({ path: path.startsWith('/') ? path : `/${path}`, methods: match[3].split(', ') });
  }
  return routes;
}

/** Fills `:params` and `*` with the given segments. */
export function fillPath(path: string, segment: () => string): string {
  return path.replace(/:[A-Za-z_]+/g, () => segment()).replace(/\*$/, () => segment());
}
