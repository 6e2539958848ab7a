// An outbox event carries the message's content, which may fill TEXT (65,535 bytes) by itself:
// the body must hold the content plus the JSON around it. SQLite's TEXT has no such limit.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const isMysql = (queryRunner: QueryRunner) => queryRunner.connection.options.type === 'mysql';

export class OutboxBodyMediumtext1767398400000 implements MigrationInterface {
  name = 'OutboxBodyMediumtext1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isMysql(queryRunner)) await queryRunner.query('ALTER TABLE `im_outbox` MODIFY `body` mediumtext NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isMysql(queryRunner)) await queryRunner.query('ALTER TABLE `im_outbox` MODIFY `body` text NOT NULL');
  }
}
