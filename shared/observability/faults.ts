/**
 * Fault injection for tests of the local runtime (`POST /dev/faults`): a named step fails the
 * next `count` times it runs. Inert unless a fault was armed; nothing in AWS arms one.
 */
const armed = new Map<string, number>();

export function armFault(name: string, count: number): void {
  if (count <= 0) armed.delete(name);
  else armed.set(name, count);
}

/** Throws when a fault is armed for `name` (and uses one up). */
export function failIfArmed(name: string): void {
  const left = armed.get(name);
  if (!left) return;
  armFault(name, left - 1);
  throw new Error(`Injected fault: ${name}`);
}
