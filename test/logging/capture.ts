// A writable stream that keeps what a logger writes, for tests to read back.
import { Writable } from 'node:stream';

export interface Capture {
  stream: Writable;
  text(): string;
  entries(): Record<string, unknown>[];
}

export function captureLogs(): Capture {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  const entries = (): Record<string, unknown>[] =>
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    stream,
    text: () => text,
    entries,
  };
}
