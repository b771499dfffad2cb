/**
 * Reads a backup's JSON text as it arrives, keeping everything but the top-level `content`
 * member, whose value is replaced by `null`. The import restores a workshop from
 * `documents` alone; `content` repeats the board's plain fields for people and other tools,
 * and can be several times the size of the document (JSON escapes a control character as
 * six bytes). Skipping it keeps the memory an import needs to the documents' size, so a
 * backup of two documents at `MAX_DOCUMENT_BYTES` imports without holding its readable copy.
 *
 * Only JSON's structural bytes are tracked (strings, escapes, nesting), all ASCII, so UTF-8
 * needs no decoding here; whether the kept text is valid JSON is `JSON.parse`'s to say.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const SKIPPED_KEY = 'content';
const NULL = new TextEncoder().encode('null');
const MAX_KEY_BYTES = 64;

export class BackupScanner {
  private readonly kept: Uint8Array[] = [];
  private keptBytes = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes of the top-level string being read (a key, if a colon follows), capped. */
  private stringBytes: number[] | null = null;
  private lastTopLevelString: string | null = null;
  private skipping = false;

  /** `maxKeptBytes`: what may be kept (everything but `content`); past it, `push` returns false. */
  constructor(private readonly maxKeptBytes: number) {}

  get bytesKept(): number {
    return this.keptBytes;
  }

  /** Feeds the next chunk; false once the kept part passes its limit (stop reading). */
  push(chunk: Uint8Array): boolean {
    let runStart = this.skipping ? -1 : 0;
    // Strings are most of a backup (base64 documents, texts): jump through them with the
    // native indexOf rather than byte by byte; the next quote and backslash are cached per
    // chunk so that many short strings do not rescan it.
    let nextQuote = -2;
    let nextBackslash = -2;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          this.collect(chunk, i, i + 1);
          continue;
        }
        if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
        const stop = Math.min(nextQuote < 0 ? chunk.length : nextQuote, nextBackslash < 0 ? chunk.length : nextBackslash);
        this.collect(chunk, i, stop);
        if (stop === chunk.length) break;
        i = stop;
        if (stop === nextBackslash) {
          this.escaped = true;
          this.collect(chunk, i, i + 1);
          continue;
        }
        this.inString = false;
        if (this.stringBytes) {
          this.lastTopLevelString = this.stringBytes.length <= MAX_KEY_BYTES ? String.fromCharCode(...this.stringBytes) : null;
          this.stringBytes = null;
        }
        continue;
      }
      const byte = chunk[i]!;
      if (byte === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && !this.skipping) this.stringBytes = [];
      } else if (OPEN.has(byte)) this.depth++;
      else if (CLOSE.has(byte)) {
        if (this.depth === 1 && this.skipping) {
          this.skipping = false;
          runStart = i;
        }
        this.depth--;
      } else if (this.depth === 1 && byte === COLON && !this.skipping && this.lastTopLevelString === SKIPPED_KEY) {
        if (!this.keep(chunk.subarray(runStart, i + 1)) || !this.keep(NULL)) return false;
        this.skipping = true;
        runStart = -1;
      } else if (this.depth === 1 && byte === COMMA) {
        this.lastTopLevelString = null;
        if (this.skipping) {
          this.skipping = false;
          runStart = i;
        }
      }
    }
    return runStart < 0 || this.keep(chunk.subarray(runStart));
  }

  /** The kept parts, each its own buffer (so they can be transferred to a worker). */
  parts(): Uint8Array[] {
    return [...this.kept];
  }

  /** The kept text: the backup with `content` set to null. */
  text(): string {
    return joinText(this.kept);
  }

  /** Collects a top-level string's bytes (a possible key), up to just past the longest key we look for. */
  private collect(chunk: Uint8Array, from: number, to: number): void {
    if (!this.stringBytes || this.stringBytes.length > MAX_KEY_BYTES) return;
    for (let k = from; k < to && this.stringBytes.length <= MAX_KEY_BYTES; k++) this.stringBytes.push(chunk[k]!);
  }

  private keep(part: Uint8Array): boolean {
    if (part.length === 0) return true;
    this.keptBytes += part.length;
    if (this.keptBytes > this.maxKeptBytes) return false;
    // A copy: the chunk's buffer may be reused by the stream.
    this.kept.push(new Uint8Array(part)); // (Buffer#slice would not copy)
    return true;
  }
}

/** The UTF-8 text of parts read by a `BackupScanner`. */
export function joinText(parts: readonly Uint8Array[]): string {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(all);
}
