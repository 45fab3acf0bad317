const CHUNK_BYTES = 8 * 1024 * 1024;

/** Where a text was written: chunk, byte offset and byte length. */
export interface TextRef {
  chunk: number;
  offset: number;
  length: number;
}

/**
 * Append-only text storage outside the JavaScript heap. Stored objects live here as UTF-8 bytes
 * in 8 MB chunks, so the garbage collector neither scans nor copies them and the heap does not
 * grow in proportion to the data. Replaced texts stay until the next start (the snapshot written
 * then holds only live objects).
 * The evaluations' encodings are built by concatenation (rope strings), which a Map of strings
 * would keep whole; bench/compare.ts measures the two.
 */
export class TextArena {
  private chunks: Buffer[] = [];
  private offset = 0;

  write(text: string): TextRef {
    const length = Buffer.byteLength(text);
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || this.offset + length > chunk.length) {
      chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, length));
      this.chunks.push(chunk);
      this.offset = 0;
    }
    chunk.write(text, this.offset, length, "utf8");
    const ref = { chunk: this.chunks.length - 1, offset: this.offset, length };
    this.offset += length;
    return ref;
  }

  read(chunk: number, offset: number, length: number): string {
    const buffer = this.chunks[chunk];
    if (!buffer) throw new Error(`arena chunk ${chunk} does not exist`);
    return buffer.toString("utf8", offset, offset + length);
  }

  clear(): void {
    this.chunks = [];
    this.offset = 0;
  }
}
