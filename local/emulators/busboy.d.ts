/**
 * Minimal typings for busboy 0.3 (installed with s3rver; the package ships none and
 * @types/busboy describes the 1.x API): only what the S3 POST proxy uses.
 */
declare module 'busboy' {
  import type { IncomingHttpHeaders } from 'node:http';
  import type { Readable, Writable } from 'node:stream';

  interface BusboyLimits {
    readonly fieldNameSize?: number;
    /** Longer field values are truncated (the `valueTruncated` argument of 'field'). */
    readonly fieldSize?: number;
    readonly fields?: number;
    readonly fileSize?: number;
    readonly files?: number;
    readonly parts?: number;
    readonly headerPairs?: number;
  }

  interface BusboyOptions {
    readonly headers: IncomingHttpHeaders;
    readonly limits?: BusboyLimits;
  }

  class Busboy extends Writable {
    /** Throws when the content type is missing or not a form. */
    constructor(options: BusboyOptions);
    on(
      event: 'field',
      listener: (
        name: string,
        value: string,
        nameTruncated: boolean,
        valueTruncated: boolean,
        encoding: string,
        mimeType: string,
      ) => void,
    ): this;
    on(
      event: 'file',
      listener: (name: string, file: Readable, fileName: string, encoding: string, mimeType: string) => void,
    ): this;
    on(event: 'finish', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'partsLimit' | 'filesLimit' | 'fieldsLimit', listener: () => void): this;
    on(event: string | symbol, listener: (...args: unknown[]) => void): this;
  }

  export = Busboy;
}
