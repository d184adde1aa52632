import { ValidationError } from './errors.js';

const NONE = Object.freeze({});

/**
 * The trailing `options` argument of a public method, for plain-JS callers: `null` and
 * `undefined` both mean "no options" (a default parameter only covers `undefined`, and
 * destructuring `null` is a TypeError), anything else that is not an object is a ValidationError
 * naming the parameter instead of a TypeError or a silently ignored value.
 */
export function optionsArg<T extends object>(parameter: string, value: T | null | undefined): T {
  if (value === undefined || value === null) return NONE as T;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(parameter, `must be an object of options or left out, got ${kindOf(value)}`);
  }
  return value;
}

/** How an error message names what it got instead: `null`, `an array`, `a string`… */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
