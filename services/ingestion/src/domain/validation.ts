import { badInput } from '@verbatim/kit';
import type { z } from 'zod';

/** Zod problems become one BAD_USER_INPUT error listing each field (same shape as identity's). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ field: i.path.join('.'), problem: i.message }));
  throw badInput(fields.map((f) => `${f.field}: ${f.problem}`).join('; '), { fields });
}
