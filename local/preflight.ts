import { spawnSync } from 'node:child_process';

/** A startup problem the user can fix, shown as one line (no stack trace). */
export class PreflightError extends Error {
  override readonly name = 'PreflightError';
}

/** DynamoDB Local is a Java program: without Java 17+ nothing else matters. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error || result.status !== 0) {
    throw new PreflightError(
      'Java was not found: DynamoDB Local needs Java 17 or newer. Install it (e.g. `apt-get install -y default-jre-headless`) and run `npm start` again.',
    );
  }
  // `java -version` prints e.g. `openjdk version "17.0.15"` (or "1.8.0_392" for Java 8) on stderr.
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : undefined;
  if (major !== undefined && major < 17) {
    throw new PreflightError(
      `Java ${major} was found but DynamoDB Local needs Java 17 or newer (e.g. \`apt-get install -y default-jre-headless\`).`,
    );
  }
}

export function portInUseMessage(port: number): string {
  return `Port ${port} is already in use (another \`npm start\`?). Stop that process or pick another port: SMSPROJ_PORT=${port + 1} npm start`;
}
