import { z } from 'zod';
import { ConfigError } from './env';

/**
 * Local practice (committee sizes, model-home thresholds, filing deadlines…) differs between
 * provinces and cities, so such rules are data: defaults in code, overridden per deployment with
 * `UNION_GRAPH_RULES_<NAME>` holding JSON, validated at start-up.
 */
export function loadRules<S extends z.ZodObject>(
  name: string,
  schema: S,
  defaults: z.infer<S>,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const variable = `UNION_GRAPH_RULES_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const raw = env[variable];
  if (!raw) return schema.parse(defaults);
  let overrides: unknown;
  try {
    overrides = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${variable} is not valid JSON`);
  }
  const parsed = schema.safeParse({ ...defaults, ...(overrides as object) });
  if (!parsed.success) {
    throw new ConfigError(
      `${variable}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export { z };
