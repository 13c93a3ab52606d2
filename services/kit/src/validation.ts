import type { z } from 'zod';
import { badInput } from './errors.js';

/**
 * Validates a mutation's input: zod problems become one BAD_USER_INPUT error listing each field, with
 * `details.fields` for clients that highlight them.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ field: i.path.join('.'), problem: i.message }));
  throw badInput(fields.map((f) => `${f.field || 'input'}: ${f.problem}`).join('; '), { fields });
}
