// The shape both stores of the SQLite file keep their sealed records in: a key, an expiry, a value.
import type Database from 'better-sqlite3';

export interface KeyedTable {
  table: string;
  key: string;
  value: string;
}

/**
 * Creates the table if it is missing, as an ordinary (rowid) table with its expiry index. Files
 * written before 2026-12-03 hold it `WITHOUT ROWID`: SQLite keeps such a table's whole rows in
 * index pages and advises it only for rows under about a twentieth of a page
 * (https://www.sqlite.org/withoutrowid.html, "When to use WITHOUT ROWID"); the records here are
 * larger (sealed tokens 1–2 KB; an agent's day and recent contacts grow to tens of KB over a shift).
 * Reading one 24 KB record took 168 µs there against 24 µs in a rowid table, one of 1.2 KB 34
 * against 11 (docs/MEASUREMENTS.md, sixth pass). Such a table is moved once into the rowid shape,
 * every row kept, in one transaction that another process opening the file waits for.
 */
export function ensureKeyedTable(db: Database.Database, { table, key, value }: KeyedTable): void {
  const create = `CREATE TABLE IF NOT EXISTS ${table} (
    ${key} TEXT PRIMARY KEY NOT NULL,
    expires INTEGER NOT NULL,
    ${value} TEXT NOT NULL
  )`;
  const old = `${table}_without_rowid`;
  const shape = db.transaction(() => {
    const found = db
      .prepare<[string], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
      )
      .get(table);
    if (found !== undefined && /WITHOUT\s+ROWID/i.test(found.sql)) {
      // The old table's expiry index goes with it when it is dropped; the new one is made below.
      db.exec(`ALTER TABLE ${table} RENAME TO ${old};
        ${create};
        INSERT INTO ${table} (${key}, expires, ${value}) SELECT ${key}, expires, ${value} FROM ${old};
        DROP TABLE ${old};`);
    } else {
      db.exec(create);
    }
    db.exec(`CREATE INDEX IF NOT EXISTS ${table}_expires ON ${table} (expires)`);
  });
  // IMMEDIATE: two processes opening an old file together take turns; the second finds it moved.
  shape.immediate();
}
