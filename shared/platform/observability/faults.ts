/**
 * Fault injection for tests of the local runtime (`POST /dev/faults`): a named step fails the
 * next `count` times it runs on a subject containing `match` (so a test's fault never hits
 * another test's data). Inert unless a fault was armed; nothing in AWS arms one.
 */
const armed = new Map<string, { count: number; match: string }>();

export function armFault(name: string, count: number, match = ''): void {
  if (count <= 0) armed.delete(name);
  else armed.set(name, { count, match });
}

/** Throws when a fault is armed for `name` and `subject` contains its match (and uses one up). */
export function failIfArmed(name: string, subject: string): void {
  const fault = armed.get(name);
  if (!fault || !subject.includes(fault.match)) return;
  armFault(name, fault.count - 1, fault.match);
  throw new Error(`Injected fault: ${name}`);
}
