// Conversations (PROTOCOL.md, Additions A): every entry gets a conv_id and a gap-free seq, and two
// new tables hold each conversation's counter and each user's view of it. Upgrades a database
// made by the first migration in place: existing rows are backfilled (seq in msg_id order), the
// conversation tables are built from them. The MySQL statements end in the schema of
// sql/im_c2c_message.sql; SQLite rebuilds the changed tables, since it cannot drop a column default.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const BIN = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Both users of every one-to-one conversation, from the entries it has. */
const PARTICIPANTS =
  'SELECT from_user_id AS user_id, conv_id, to_user_id AS peer FROM im_c2c_message ' +
  'UNION SELECT to_user_id, conv_id, from_user_id FROM im_c2c_message';

/** Shared by both databases once im_c2c_message has its conv_id and seq. */
const FILL_CONVERSATIONS = [
  `INSERT INTO im_conversation (conv_id, conv_type, max_seq, last_msg_id, update_time)
   SELECT m.conv_id, 1, m.seq, m.msg_id, m.create_time FROM im_c2c_message m
   JOIN (SELECT conv_id, MAX(seq) AS max_seq FROM im_c2c_message GROUP BY conv_id) x ON x.conv_id = m.conv_id AND x.max_seq = m.seq`,
  `INSERT INTO im_user_conversation (user_id, conv_id, peer_user_id, group_id, read_seq, min_seq, update_time)
   SELECT u.user_id, u.conv_id, u.peer, 0, 0, 1, c.update_time FROM (${PARTICIPANTS}) u JOIN im_conversation c ON c.conv_id = u.conv_id`,
];

const MYSQL = [
  `ALTER TABLE \`im_c2c_message\`
  ADD COLUMN \`conv_id\` varchar(64) ${BIN} NOT NULL DEFAULT '',
  ADD COLUMN \`seq\` bigint unsigned NOT NULL DEFAULT 0,
  ADD COLUMN \`recalled_msg_id\` bigint NOT NULL DEFAULT 0`,
  "UPDATE `im_c2c_message` SET `conv_id` = CONCAT('c_', `chat_id`)",
  `UPDATE \`im_c2c_message\` m JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY conv_id ORDER BY msg_id) AS n FROM im_c2c_message) r
   ON r.id = m.id SET m.seq = r.n`,
  `ALTER TABLE \`im_c2c_message\` ALTER COLUMN \`conv_id\` DROP DEFAULT, ALTER COLUMN \`seq\` DROP DEFAULT,
  ALTER COLUMN \`recalled_msg_id\` DROP DEFAULT, ADD UNIQUE KEY \`uk_conv_seq\` (\`conv_id\`, \`seq\`)`,

  "ALTER TABLE `im_outbox` ADD COLUMN `mq_key` varchar(128) NOT NULL DEFAULT ''",
  'UPDATE `im_outbox` SET `mq_key` = CAST(`msg_id` AS CHAR)',
  'ALTER TABLE `im_outbox` ALTER COLUMN `mq_key` DROP DEFAULT',

  `ALTER TABLE \`im_recall_notice\` ADD COLUMN \`conv_id\` varchar(64) ${BIN} NOT NULL DEFAULT '',
  ADD COLUMN \`seq\` bigint unsigned NOT NULL DEFAULT 0`,
  "UPDATE `im_recall_notice` SET `conv_id` = CONCAT('c_', LEAST(`from_user_id`, `to_user_id`), '_', GREATEST(`from_user_id`, `to_user_id`))",
  'ALTER TABLE `im_recall_notice` ALTER COLUMN `conv_id` DROP DEFAULT, ALTER COLUMN `seq` DROP DEFAULT',

  `CREATE TABLE IF NOT EXISTS \`im_conversation\` (
  \`conv_id\` varchar(64) ${BIN} NOT NULL,
  \`conv_type\` int NOT NULL,
  \`max_seq\` bigint unsigned NOT NULL,
  \`last_msg_id\` bigint NOT NULL,
  \`update_time\` bigint NOT NULL,
  PRIMARY KEY (\`conv_id\`)
) ${TABLE_OPTIONS}`,
  `CREATE TABLE IF NOT EXISTS \`im_user_conversation\` (
  \`user_id\` bigint unsigned NOT NULL,
  \`conv_id\` varchar(64) ${BIN} NOT NULL,
  \`peer_user_id\` bigint unsigned NOT NULL,
  \`group_id\` bigint unsigned NOT NULL,
  \`read_seq\` bigint unsigned NOT NULL,
  \`min_seq\` bigint unsigned NOT NULL,
  \`update_time\` bigint NOT NULL,
  PRIMARY KEY (\`user_id\`, \`conv_id\`),
  KEY \`idx_user_update\` (\`user_id\`, \`update_time\`, \`conv_id\`)
) ${TABLE_OPTIONS}`,
  ...FILL_CONVERSATIONS,
];

/**
 * SQLite: a new table, the rows copied (and derived) into it, the old one replaced. The new
 * table's AUTOINCREMENT counter continues the old one's, not the highest row left: an id of a row
 * deleted before the upgrade (a completed outbox row) must never be handed out again.
 */
function rebuild(table: string, create: string, copy: string, indexes: string[]): string[] {
  return [
    create.replace(`"${table}"`, `"${table}_new"`),
    `INSERT INTO "${table}_new" ${copy}`,
    `INSERT INTO sqlite_sequence (name, seq) SELECT '${table}_new', seq FROM sqlite_sequence WHERE name = '${table}'
     AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '${table}_new')`,
    `UPDATE sqlite_sequence SET seq = MAX(seq, (SELECT seq FROM sqlite_sequence WHERE name = '${table}'))
     WHERE name = '${table}_new' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '${table}')`,
    `DROP TABLE "${table}"`,
    `ALTER TABLE "${table}_new" RENAME TO "${table}"`,
    ...indexes,
  ];
}

const SQLITE = [
  ...rebuild('im_c2c_message',
    `CREATE TABLE "im_c2c_message" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "msg_id" bigint NOT NULL,
    "client_msg_id" varchar(64) NOT NULL, "from_user_id" bigint NOT NULL, "to_user_id" bigint NOT NULL,
    "chat_id" varchar(64) NOT NULL, "msg_content" text NOT NULL, "msg_format" integer NOT NULL,
    "msg_status" integer NOT NULL, "create_time" bigint NOT NULL, "update_time" bigint NOT NULL,
    "conv_id" varchar(64) NOT NULL, "seq" bigint NOT NULL, "recalled_msg_id" bigint NOT NULL)`,
    `SELECT id, msg_id, client_msg_id, from_user_id, to_user_id, chat_id, msg_content, msg_format, msg_status, create_time,
    update_time, 'c_' || chat_id, ROW_NUMBER() OVER (PARTITION BY chat_id ORDER BY msg_id), 0 FROM "im_c2c_message"`,
    [
      `CREATE UNIQUE INDEX "uk_msg_id" ON "im_c2c_message" ("msg_id")`,
      `CREATE UNIQUE INDEX "uk_conv_seq" ON "im_c2c_message" ("conv_id", "seq")`,
      `CREATE UNIQUE INDEX "uk_from_client_msg" ON "im_c2c_message" ("from_user_id", "client_msg_id")`,
      `CREATE INDEX "idx_from_to_time" ON "im_c2c_message" ("from_user_id", "to_user_id", "create_time")`,
      `CREATE INDEX "idx_to_status_time" ON "im_c2c_message" ("to_user_id", "msg_status", "create_time")`,
    ]),
  ...rebuild('im_outbox',
    `CREATE TABLE "im_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "msg_id" bigint NOT NULL,
    "tag" varchar(32) NOT NULL, "body" text NOT NULL, "attempts" integer NOT NULL, "due_time" bigint NOT NULL,
    "create_time" bigint NOT NULL, "mq_key" varchar(128) NOT NULL)`,
    'SELECT id, msg_id, tag, body, attempts, due_time, create_time, CAST(msg_id AS TEXT) FROM "im_outbox"',
    [`CREATE INDEX "idx_due_time" ON "im_outbox" ("due_time")`]),
  // The notice's conversation is its message's ('' where the message is gone; MySQL derives it
  // from the user ids instead, which SQLite cannot order: ids above 2^63-1 are stored negative).
  ...rebuild('im_recall_notice',
    `CREATE TABLE "im_recall_notice" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" bigint NOT NULL,
    "msg_id" bigint NOT NULL, "from_user_id" bigint NOT NULL, "to_user_id" bigint NOT NULL,
    "recall_time" bigint NOT NULL, "conv_id" varchar(64) NOT NULL, "seq" bigint NOT NULL)`,
    `SELECT n.id, n.user_id, n.msg_id, n.from_user_id, n.to_user_id, n.recall_time, COALESCE('c_' || m.chat_id, ''), 0
    FROM "im_recall_notice" n LEFT JOIN "im_c2c_message" m ON m.msg_id = n.msg_id`,
    [`CREATE UNIQUE INDEX "uk_user_msg" ON "im_recall_notice" ("user_id", "msg_id")`]),
  `CREATE TABLE "im_conversation" ("conv_id" varchar(64) PRIMARY KEY NOT NULL, "conv_type" integer NOT NULL,
    "max_seq" bigint NOT NULL, "last_msg_id" bigint NOT NULL, "update_time" bigint NOT NULL)`,
  `CREATE TABLE "im_user_conversation" ("user_id" bigint NOT NULL, "conv_id" varchar(64) NOT NULL,
    "peer_user_id" bigint NOT NULL, "group_id" bigint NOT NULL, "read_seq" bigint NOT NULL, "min_seq" bigint NOT NULL,
    "update_time" bigint NOT NULL, PRIMARY KEY ("user_id", "conv_id"))`,
  `CREATE INDEX "idx_user_update" ON "im_user_conversation" ("user_id", "update_time", "conv_id")`,
  ...FILL_CONVERSATIONS,
];

const isMysql = (queryRunner: QueryRunner) => queryRunner.connection.options.type === 'mysql';

export class Conversations1767312000000 implements MigrationInterface {
  name = 'Conversations1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of isMysql(queryRunner) ? MYSQL : SQLITE) await queryRunner.query(statement);
  }

  async down(): Promise<void> {
    throw new Error('Conversations1767312000000 is not reversible: restore from a backup taken before the upgrade');
  }
}
