/**
 * @fastify/swagger turns a named schema ($id) into a component only where it is nested in
 * another schema; at the top of a body or response, and under per-content-type bodies, it
 * inlines a full copy. This pass replaces every such copy with a `$ref`, so openapi.yaml
 * names each shape once (clients generate `ScanResult`, not `PostV1Scan200Response`).
 */

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (value: Json): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Moves every schema whose `title` is one of `names` into `components.schemas` and points
 * its uses there. Components come out sorted by name, for a stable diff.
 */
export function referenceNamedSchemas<T extends object>(doc: T, names: ReadonlySet<string>): T {
  const found: JsonObject = {};
  const { components = {} } = doc as { components?: JsonObject };
  const existing = isObject(components.schemas) ? components.schemas : {};

  const visit = (node: Json, isComponentRoot = false): Json => {
    if (Array.isArray(node)) return node.map((item) => visit(item));
    if (!isObject(node)) return node;
    const copy: JsonObject = {};
    for (const [key, value] of Object.entries(node)) copy[key] = visit(value);
    const name = copy.title;
    if (isComponentRoot || typeof name !== 'string' || !names.has(name)) return copy;
    found[name] ??= copy;
    return { $ref: `#/components/schemas/${name}` };
  };

  const schemas: JsonObject = {};
  for (const [name, schema] of Object.entries(existing)) schemas[name] = visit(schema, true);
  const rest = visit({ ...doc, components: { ...components, schemas: {} } }) as T & { components: { schemas: JsonObject } };
  for (const [name, schema] of Object.entries(found)) schemas[name] ??= schema;
  rest.components.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return rest;
}
