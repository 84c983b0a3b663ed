import type { FastifyInstance } from 'fastify';

/**
 * [method, path] of every registered route, from Fastify's own route table. printRoutes draws a
 * radix tree: a node's label continues its parent's (`api/v1/me` then `mbers`), four columns a level.
 */
export function registeredRoutes(app: FastifyInstance): [string, string][] {
  const labels: string[] = [];
  const routes: [string, string][] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    labels.length = depth;
    labels.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) routes.push([method, labels.join('')]);
  }
  return routes;
}

/** The routes that change something: every POST, PUT, PATCH and DELETE, as "METHOD /path". */
export const writeRoutes = (app: FastifyInstance): string[] =>
  registeredRoutes(app)
    .filter(([m]) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))
    .map(([m, p]) => `${m} ${p}`)
    .sort();
