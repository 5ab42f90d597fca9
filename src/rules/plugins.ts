/**
 * Loads a deployment's own detector modules (`plugins:` in a rule file). A plugin is a
 * JavaScript module whose default export (or `detector` export) has the detector shape.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Detector } from '../detectors/types.js';

export async function importDetectorPlugin(ruleFile: string, relativePath: string): Promise<Detector<never>> {
  const absolute = path.resolve(path.dirname(ruleFile), relativePath);
  const mod = (await import(pathToFileURL(absolute).href)) as { default?: unknown; detector?: unknown };
  const candidate = (mod.detector ?? mod.default) as Partial<Detector<never>> | undefined;
  const problems: string[] = [];
  if (!candidate || typeof candidate !== 'object') problems.push('it exports no detector (export `detector` or a default export)');
  else {
    if (typeof candidate.meta?.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(candidate.meta.id)) problems.push('meta.id must be a lower-case name like "my-detector"');
    if (typeof candidate.meta?.description !== 'string') problems.push('meta.description must be a string');
    if (typeof candidate.meta?.optionsSchema !== 'object' || candidate.meta.optionsSchema === null) problems.push('meta.optionsSchema must be a JSON Schema object');
    if (typeof candidate.create !== 'function') problems.push('create(options, env) must be a function');
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return candidate as Detector<never>;
}
