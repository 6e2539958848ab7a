// Opening the durable store: SQLite in embedded mode, MySQL/MariaDB in production. Both get their
// schema from the same migrations (migrations/), never from `synchronize`, which may drop and
// recreate columns of a production table.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { entitySchemas } from './entities.js';
import { CreateMessageTables1767225600000 } from './migrations/1767225600000-create-message-tables.js';
import { Conversations1767312000000 } from './migrations/1767312000000-conversations.js';
import { OutboxBodyMediumtext1767398400000 } from './migrations/1767398400000-outbox-body-mediumtext.js';
import { Groups1767484800000 } from './migrations/1767484800000-groups.js';
import { SqlConversationStore } from './sql-conversation-store.js';
import { SqlDb } from './sql-db.js';
import { SqlGroupStore } from './sql-group-store.js';
import { SqlMessageStore } from './sql-message-store.js';

const migrations = [CreateMessageTables1767225600000, Conversations1767312000000, OutboxBodyMediumtext1767398400000, Groups1767484800000];
/** Not TypeORM's default `migrations`: the database may be shared with other applications. */
const migrationsTableName = 'im_schema_migrations';
/** How long a starting gateway waits for another one that is migrating, seconds. */
const MIGRATION_LOCK_WAIT_S = 60;

export interface MysqlStoreOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Created (utf8mb4) when missing. */
  database: string;
  /** Connections in the pool. */
  poolSize: number;
}

/** The stores over one database; closing `messages` closes the database. */
export interface SqlStores {
  messages: SqlMessageStore;
  conversations: SqlConversationStore;
  groups: SqlGroupStore;
}

export interface StoreOptions {
  /** Whether events go to the outbox: false when nothing publishes it (`mq.kind: off`). Default true. */
  outbox?: boolean;
}

function storesOver(db: DataSource, { outbox = true }: StoreOptions): SqlStores {
  const sql = new SqlDb(db, outbox);
  return { messages: new SqlMessageStore(sql), conversations: new SqlConversationStore(sql), groups: new SqlGroupStore(sql) };
}

/** `file` may be ":memory:" for a throwaway store; otherwise its folder is created. */
export async function openSqliteStores(file: string, options: StoreOptions = {}): Promise<SqlStores> {
  return storesOver(await openSqliteDataSource(file), options);
}

export async function openMysqlStores(options: MysqlStoreOptions, stores: StoreOptions = {}): Promise<SqlStores> {
  return storesOver(await openMysqlDataSource(options), stores);
}

export async function openSqliteStore(file: string): Promise<SqlMessageStore> {
  return (await openSqliteStores(file)).messages;
}

export async function openMysqlStore(options: MysqlStoreOptions): Promise<SqlMessageStore> {
  return (await openMysqlStores(options)).messages;
}

/** An initialized, migrated DataSource (exported for the schema tests). */
export async function openSqliteDataSource(file: string): Promise<DataSource> {
  if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const db = new DataSource({
    type: 'better-sqlite3',
    database: file,
    // Prepared statements, by SQL text. A batch's statements differ in the length of their IN and
    // VALUES lists, so a bench run makes ~570 texts; with TypeORM's 100 the FIFO evicted them all
    // the time (7,756 prepares in a run, 7% of the gateway's time at half load); 1,000 keeps them.
    statementCacheSize: 1000,
    entities: entitySchemas('sqlite'),
    migrations,
    migrationsTableName,
    prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
      // WAL: readers never block the writer. synchronous=NORMAL fsyncs the WAL at checkpoints,
      // not at every commit: still atomic and never corrupt, and a crash of this process loses
      // nothing, but a power loss or OS crash can roll back the last commits, messages that
      // were already acked included. Embedded mode is for one node and development; production
      // durability is MySQL's job.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    },
  });
  await db.initialize();
  return migrated(db, () => db.runMigrations());
}

/** An initialized, migrated DataSource (exported for the schema tests). */
export async function openMysqlDataSource(options: MysqlStoreOptions): Promise<DataSource> {
  await createDatabaseIfMissing(options);
  const db = new DataSource({
    type: 'mysql',
    connectorPackage: 'mysql2',
    host: options.host,
    port: options.port,
    username: options.user,
    password: options.password,
    database: options.database,
    poolSize: options.poolSize,
    charset: 'utf8mb4_unicode_ci',
    // BIGINT and DECIMAL as strings: a 64-bit id must never become a JS number.
    supportBigNumbers: true,
    bigNumberStrings: true,
    // TypeORM never prepares statements; mysql2's default cache of 16,000 of them allocates four
    // arrays of that length per pooled connection (512 KB each), which is most of an idle node's heap growth.
    extra: { maxPreparedStatements: 64 },
    entities: entitySchemas('mysql'),
    migrations,
    migrationsTableName,
  });
  await db.initialize();
  return migrated(db, () => migrateAlone(db, options.database));
}

async function migrated(db: DataSource, migrate: () => Promise<unknown>): Promise<DataSource> {
  try {
    await migrate();
    return db;
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/**
 * Gateways starting together take turns: MySQL DDL is not transactional, so two of them running
 * the same migration would both try to apply it.
 */
async function migrateAlone(db: DataSource, database: string): Promise<void> {
  const lock = `im_connect.migrate.${database}`.slice(0, 64);
  const q = db.createQueryRunner();
  try {
    const [row] = (await q.query('SELECT GET_LOCK(?, ?) AS got', [lock, MIGRATION_LOCK_WAIT_S])) as Array<{ got: unknown }>;
    if (Number(row?.got) !== 1) throw new Error(`another gateway held the migration lock ${lock} for ${MIGRATION_LOCK_WAIT_S} s`);
    try {
      await db.runMigrations();
    } finally {
      await q.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await q.release();
  }
}

/** Looks first: a production account may lack the CREATE privilege for a database that exists. */
async function createDatabaseIfMissing({ host, port, user, password, database }: MysqlStoreOptions): Promise<void> {
  const conn = await mysql.createConnection({ host, port, user, password });
  try {
    const [rows] = await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [database]);
    if (Array.isArray(rows) && rows.length > 0) return;
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${conn.escapeId(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
