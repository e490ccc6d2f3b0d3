/**
 * The one seam between production code and the local runtime. A port names an interface whose
 * AWS implementation lives in shared/ and is made on first use. The local runtime, and every
 * other local process that calls services directly (tests, the bench), installs the local
 * implementations from local/adapters (`installLocalAdapters()`). Production modules never ask
 * which runtime they run in, and Lambda bundles never contain local code.
 *
 * Declare each port as `/* @__PURE__ *\/ port(...)`: a bundle whose code never uses the port then
 * drops it with its AWS implementation and client (without the annotation esbuild keeps every
 * module-level call, and with it the SES, SQS, KMS... clients of ports the function never calls).
 */
export interface Port<T> {
  /** The installed implementation, else the AWS one (`aws()` on each call: make it cheap). */
  (): T;
  /** Installs an implementation (`undefined`: back to AWS); returns the one it replaces. */
  install(next: T | undefined): T | undefined;
}

export function port<T>(aws: () => T): Port<T> {
  let installed: T | undefined;
  return Object.assign(() => installed ?? aws(), {
    install(next: T | undefined) {
      const previous = installed;
      installed = next;
      return previous;
    },
  });
}
