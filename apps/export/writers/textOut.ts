// A text file written line by line with back-pressure: large exports never sit in memory.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class TextOut {
  private constructor(private readonly out: WriteStream) {}

  static async open(path: string): Promise<TextOut> {
    const out = createWriteStream(path, { encoding: 'utf8' });
    await Promise.race([
      once(out, 'open'),
      once(out, 'error').then(([e]) => {
        throw e;
      }),
    ]);
    return new TextOut(out);
  }

  async write(text: string): Promise<void> {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
