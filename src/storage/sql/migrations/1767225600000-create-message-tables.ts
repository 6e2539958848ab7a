// The first schema: the three tables of entities.ts. A migration is a frozen snapshot: change the
// schema with a new migration, never by editing this one. The MySQL statements are those of
// sql/im_c2c_message.sql; SQLite gets the same tables in its own spelling (see entities.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const MYSQL = [
  `CREATE TABLE IF NOT EXISTS \`im_c2c_message\` (
  \`id\` bigint NOT NULL AUTO_INCREMENT,
  \`msg_id\` bigint NOT NULL,
  \`client_msg_id\` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  \`from_user_id\` bigint unsigned NOT NULL,
  \`to_user_id\` bigint unsigned NOT NULL,
  \`chat_id\` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  \`msg_content\` text NOT NULL,
  \`msg_format\` int NOT NULL,
  \`msg_status\` int NOT NULL,
  \`create_time\` bigint NOT NULL,
  \`update_time\` bigint NOT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_msg_id\` (\`msg_id\`),
  UNIQUE KEY \`uk_from_client_msg\` (\`from_user_id\`, \`client_msg_id\`),
  KEY \`idx_from_to_time\` (\`from_user_id\`, \`to_user_id\`, \`create_time\`),
  KEY \`idx_to_status_time\` (\`to_user_id\`, \`msg_status\`, \`create_time\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE IF NOT EXISTS \`im_outbox\` (
  \`id\` bigint NOT NULL AUTO_INCREMENT,
  \`msg_id\` bigint NOT NULL,
  \`tag\` varchar(32) NOT NULL,
  \`body\` text NOT NULL,
  \`attempts\` int NOT NULL,
  \`due_time\` bigint NOT NULL,
  \`create_time\` bigint NOT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`idx_due_time\` (\`due_time\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE IF NOT EXISTS \`im_recall_notice\` (
  \`id\` bigint NOT NULL AUTO_INCREMENT,
  \`user_id\` bigint unsigned NOT NULL,
  \`msg_id\` bigint NOT NULL,
  \`from_user_id\` bigint unsigned NOT NULL,
  \`to_user_id\` bigint unsigned NOT NULL,
  \`recall_time\` bigint NOT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_user_msg\` (\`user_id\`, \`msg_id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
];

const SQLITE = [
  `CREATE TABLE "im_c2c_message" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "msg_id" bigint NOT NULL,
    "client_msg_id" varchar(64) NOT NULL, "from_user_id" bigint NOT NULL, "to_user_id" bigint NOT NULL,
    "chat_id" varchar(64) NOT NULL, "msg_content" text NOT NULL, "msg_format" integer NOT NULL,
    "msg_status" integer NOT NULL, "create_time" bigint NOT NULL, "update_time" bigint NOT NULL)`,
  `CREATE UNIQUE INDEX "uk_msg_id" ON "im_c2c_message" ("msg_id")`,
  `CREATE UNIQUE INDEX "uk_from_client_msg" ON "im_c2c_message" ("from_user_id", "client_msg_id")`,
  `CREATE INDEX "idx_from_to_time" ON "im_c2c_message" ("from_user_id", "to_user_id", "create_time")`,
  `CREATE INDEX "idx_to_status_time" ON "im_c2c_message" ("to_user_id", "msg_status", "create_time")`,
  `CREATE TABLE "im_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "msg_id" bigint NOT NULL,
    "tag" varchar(32) NOT NULL, "body" text NOT NULL, "attempts" integer NOT NULL, "due_time" bigint NOT NULL,
    "create_time" bigint NOT NULL)`,
  `CREATE INDEX "idx_due_time" ON "im_outbox" ("due_time")`,
  `CREATE TABLE "im_recall_notice" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" bigint NOT NULL,
    "msg_id" bigint NOT NULL, "from_user_id" bigint NOT NULL, "to_user_id" bigint NOT NULL,
    "recall_time" bigint NOT NULL)`,
  `CREATE UNIQUE INDEX "uk_user_msg" ON "im_recall_notice" ("user_id", "msg_id")`,
];

const isMysql = (queryRunner: QueryRunner) => queryRunner.connection.options.type === 'mysql';

export class CreateMessageTables1767225600000 implements MigrationInterface {
  name = 'CreateMessageTables1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of isMysql(queryRunner) ? MYSQL : SQLITE) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['im_recall_notice', 'im_outbox', 'im_c2c_message']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
