// `npm run bench -- records`: what reading and writing one sealed record costs in the SQLite file,
// by the record's size, in the table shape the stores make (sqlite-tables.ts) and, side by side in
// the same run, in the WITHOUT ROWID shape of files written before 2026-12-03. 1,000 agents' worth
// of records of each size are in the table; reads and writes walk them in a scattered order.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sealRecords, type SecureRecords } from '../src/secure-store';
import { sqliteRecords } from '../src/secure-store/sqlite-records';
import { recordsAsFound } from './records-as-found';
import { round } from './stats';

const AGENTS = 1000;
const READS = 20_000;
const WRITES = 3_000;
/** Records as they come: a token set, a short day, a shift's day, a full day of an agent. */
const CONTACTS_PER_RECORD = [3, 20, 80, 200];

/** The earlier shape, for the comparison only: the stores never make it any more. */
function earlierShape(file: string): SecureRecords {
  const db = new Database(file);
  db.exec(`CREATE TABLE secure_store (key TEXT PRIMARY KEY NOT NULL, expires INTEGER NOT NULL,
    value TEXT NOT NULL) WITHOUT ROWID; CREATE INDEX secure_store_expires ON secure_store (expires);`);
  db.close();
  return recordsAsFound(file);
}

/** A record shaped like an agent's day: contact records as the statistics keep them. */
function dayOf(contacts: number) {
  const at = Date.parse('2026-12-03T08:00:00Z');
  return {
    day: '2026-12-03',
    timeZone: 'America/New_York',
    contacts: Object.fromEntries(
      Array.from({ length: contacts }, (_, i) => {
        const interactionId = randomUUID();
        const id = `${interactionId}@${at + i * 60_000}`;
        return [
          id,
          {
            id,
            interactionId,
            direction: 'INBOUND',
            number: '+14155550123',
            queue: 'Support',
            outcome: 'handled',
            seenAt: at + i * 60_000,
            answeredAt: at + i * 60_000 + 4000,
            endedAt: at + i * 60_000 + 200_000,
            closedAt: at + i * 60_000 + 230_000,
            holdMs: 12_000,
            wrapUp: { id: randomUUID(), name: 'Resolved' },
          },
        ];
      }),
    ),
    periods: {},
  };
}

async function timeIt(n: number, step: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) await step(i);
  return round(Number(process.hrtime.bigint() - start) / n / 1000, 1);
}

export async function benchRecords() {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxcc-bench-records-'));
  const rows = [];
  try {
    for (const contacts of CONTACTS_PER_RECORD) {
      const value = dayOf(contacts);
      const figures: Partial<Record<'now' | 'earlier', { getMicros: number; setMicros: number }>> =
        {};
      let sealedBytes = 0;
      for (const shape of ['now', 'earlier'] as const) {
        const file = path.join(dir, `${shape}-${contacts}.db`);
        const records = shape === 'now' ? sqliteRecords(file) : earlierShape(file);
        // Measure the records' own cost: no memo of opened values (the statistics read this way).
        const store = sealRecords(
          {
            ...records,
            get: async (key) => {
              const sealed = await records.get(key);
              sealedBytes = sealed?.length ?? sealedBytes;
              return sealed;
            },
          },
          randomBytes(32),
        );
        const keys = Array.from({ length: AGENTS }, (_, i) => `agent-stats:agent-${i}:2026-12-03`);
        for (const key of keys) await store.set(key, value, 3_600_000, { remember: false });
        // A prime stride scatters the walk over the table, as agents' events do.
        const at = (i: number) => keys[(i * 7919) % AGENTS]!;
        const getMicros = await timeIt(READS, (i) => store.get(at(i), { remember: false }));
        const setMicros = await timeIt(WRITES, (i) =>
          store.set(at(i), value, 3_600_000, { remember: false }),
        );
        figures[shape] = { getMicros, setMicros };
        await store.close();
      }
      const { now, earlier } = figures as Required<typeof figures>;
      rows.push({
        contacts,
        sealedBytes,
        now,
        earlier,
        earlierOverNow: {
          get: round(earlier.getMicros / now.getMicros, 2),
          set: round(earlier.setMicros / now.setMicros, 2),
        },
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { agents: AGENTS, reads: READS, writes: WRITES, bySize: rows };
}
