// Groups (PROTOCOL.md, Additions A): groups, memberships and group entries, stored once per
// group. New tables only; the MySQL statements end in the schema of sql/im_group.sql.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const BIN = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const MYSQL = [
  `CREATE TABLE \`im_group\` (
  \`group_id\` bigint NOT NULL,
  \`group_name\` varchar(128) NOT NULL,
  \`owner_user_id\` bigint unsigned NOT NULL,
  \`member_count\` int NOT NULL,
  \`create_req_id\` varchar(64) ${BIN} NOT NULL,
  \`create_time\` bigint NOT NULL,
  \`update_time\` bigint NOT NULL,
  PRIMARY KEY (\`group_id\`),
  UNIQUE KEY \`uk_owner_req\` (\`owner_user_id\`, \`create_req_id\`)
) ${TABLE_OPTIONS}`,
  `CREATE TABLE \`im_group_member\` (
  \`group_id\` bigint NOT NULL,
  \`user_id\` bigint unsigned NOT NULL,
  \`member_role\` int NOT NULL,
  \`join_seq\` bigint unsigned NOT NULL,
  \`leave_seq\` bigint unsigned NOT NULL,
  \`join_time\` bigint NOT NULL,
  PRIMARY KEY (\`group_id\`, \`user_id\`),
  KEY \`idx_user_group\` (\`user_id\`, \`group_id\`)
) ${TABLE_OPTIONS}`,
  `CREATE TABLE \`im_group_message\` (
  \`id\` bigint NOT NULL AUTO_INCREMENT,
  \`msg_id\` bigint NOT NULL,
  \`client_msg_id\` varchar(64) ${BIN} NOT NULL,
  \`from_user_id\` bigint unsigned NOT NULL,
  \`group_id\` bigint NOT NULL,
  \`msg_content\` text NOT NULL,
  \`msg_format\` int NOT NULL,
  \`msg_status\` int NOT NULL,
  \`create_time\` bigint NOT NULL,
  \`update_time\` bigint NOT NULL,
  \`conv_id\` varchar(64) ${BIN} NOT NULL,
  \`seq\` bigint unsigned NOT NULL,
  \`recalled_msg_id\` bigint NOT NULL,
  \`mention_user_ids\` text NOT NULL,
  \`group_event\` text NOT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uk_group_msg_id\` (\`msg_id\`),
  UNIQUE KEY \`uk_group_seq\` (\`group_id\`, \`seq\`),
  UNIQUE KEY \`uk_group_from_client\` (\`from_user_id\`, \`client_msg_id\`)
) ${TABLE_OPTIONS}`,
];

const SQLITE = [
  `CREATE TABLE "im_group" ("group_id" bigint PRIMARY KEY NOT NULL, "group_name" varchar(128) NOT NULL,
    "owner_user_id" bigint NOT NULL, "member_count" integer NOT NULL, "create_req_id" varchar(64) NOT NULL,
    "create_time" bigint NOT NULL, "update_time" bigint NOT NULL)`,
  `CREATE UNIQUE INDEX "uk_owner_req" ON "im_group" ("owner_user_id", "create_req_id")`,
  `CREATE TABLE "im_group_member" ("group_id" bigint NOT NULL, "user_id" bigint NOT NULL, "member_role" integer NOT NULL,
    "join_seq" bigint NOT NULL, "leave_seq" bigint NOT NULL, "join_time" bigint NOT NULL, PRIMARY KEY ("group_id", "user_id"))`,
  `CREATE INDEX "idx_user_group" ON "im_group_member" ("user_id", "group_id")`,
  `CREATE TABLE "im_group_message" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "msg_id" bigint NOT NULL,
    "client_msg_id" varchar(64) NOT NULL, "from_user_id" bigint NOT NULL, "group_id" bigint NOT NULL,
    "msg_content" text NOT NULL, "msg_format" integer NOT NULL, "msg_status" integer NOT NULL,
    "create_time" bigint NOT NULL, "update_time" bigint NOT NULL, "conv_id" varchar(64) NOT NULL, "seq" bigint NOT NULL,
    "recalled_msg_id" bigint NOT NULL, "mention_user_ids" text NOT NULL, "group_event" text NOT NULL)`,
  `CREATE UNIQUE INDEX "uk_group_msg_id" ON "im_group_message" ("msg_id")`,
  `CREATE UNIQUE INDEX "uk_group_seq" ON "im_group_message" ("group_id", "seq")`,
  `CREATE UNIQUE INDEX "uk_group_from_client" ON "im_group_message" ("from_user_id", "client_msg_id")`,
];

const isMysql = (queryRunner: QueryRunner) => queryRunner.connection.options.type === 'mysql';

export class Groups1767484800000 implements MigrationInterface {
  name = 'Groups1767484800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of isMysql(queryRunner) ? MYSQL : SQLITE) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['im_group_message', 'im_group_member', 'im_group']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
