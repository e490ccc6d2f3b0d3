import { seedNumberInventory } from '../shared/numbers/seed';

/**
 * Seeders fill the local runtime with what production gets from elsewhere: the numbers
 * inventory, the verification pool, the services catalog... They run on every start, after
 * the table, user pool and bucket exist and after `process.env` points at the emulators, so a
 * seeder simply calls the shared services. They must be idempotent (conditional writes or
 * "create if missing"): data survives restarts.
 *
 * To add one, append it to `seeders` below:
 *
 *   import { seedNumberInventory } from '../shared/numbers/seed';
 *   export const seeders = [{ name: 'numbers-inventory', run: seedNumberInventory }];
 */
export interface SeedContext {
  /** The runtime's data directory (absolute). */
  readonly dataDir: string;
  /** Current time, for seeders that date their records. */
  readonly now: Date;
}

export interface Seeder {
  /** Shown in the start-up log and in errors. */
  readonly name: string;
  run(context: SeedContext): Promise<void>;
}

export const seeders: Seeder[] = [
  {
    name: 'numbers-inventory',
    run: async () => {
      await seedNumberInventory();
    },
  },
];

/** Adds a seeder at run time (tests, or a context that prefers registering from its own module). */
export function registerSeeder(name: string, run: Seeder['run']): void {
  if (seeders.some((seeder) => seeder.name === name)) throw new Error(`Seeder ${name} is already registered`);
  seeders.push({ name, run });
}

/** Runs every seeder in order; the first failure stops the start with the seeder's name. */
export async function runSeeders(context: SeedContext, list: readonly Seeder[] = seeders): Promise<string[]> {
  const ran: string[] = [];
  for (const seeder of list) {
    try {
      await seeder.run(context);
    } catch (error) {
      throw new Error(
        `Seeder ${seeder.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    ran.push(seeder.name);
  }
  return ran;
}
