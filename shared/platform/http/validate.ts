import type * as z from '../zod';
import { ValidationFailed } from '../errors';

export type InputLocation = 'path' | 'query' | 'body';

/** Parses `value` with `schema`; a failure is a 400 validation_failed naming every bad field. */
export function parseWith<T extends z.ZodMiniType | undefined>(
  schema: T,
  value: unknown,
  location: InputLocation,
): T extends z.ZodMiniType ? z.infer<T> : undefined {
  type Out = T extends z.ZodMiniType ? z.infer<T> : undefined;
  if (!schema) return undefined as Out;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Out;
  const errors = result.error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ValidationFailed(errors, `Invalid ${location === 'path' ? 'path parameter' : location}.`);
}
