/**
 * Options that make a schema a named OpenAPI component (`components.schemas.<name>`):
 * `$id` is how @fastify/swagger references a schema nested in another, `title` is how
 * `openapi-components.ts` recognises the copies it inlines at the top of a body or response.
 */
const names = new Set<string>();

/** Every name given out by `named`, i.e. every component of the API document. */
export const COMPONENT_NAMES: ReadonlySet<string> = names;

export function named<const N extends string>(name: N): { $id: N; title: N } {
  names.add(name);
  return { $id: name, title: name };
}
