-- The durable message store on MySQL 8 / MariaDB 10.6+ (InnoDB, utf8mb4).
--
-- The gateway creates these itself through its TypeORM migrations
-- (src/storage/sql/migrations/); this file is for DBAs and must stay identical to what the
-- migrations build (test/storage/sql-schema.test.ts compares the two column for column).
--
-- 64-bit ids are BIGINT: msg_id is a signed 63-bit snowflake, user ids are UNSIGNED.
-- Times are BIGINT milliseconds since the Unix epoch (UTC), the same numbers the protocol carries.

-- One row per accepted one-to-one message.
-- msg_status: 0 PENDING (not yet acked by the receiver), 1 DELIVERED, 2 RECALLED, 3 DROPPED
-- (undelivered, dropped from offline delivery by the per-user cap or the offline TTL).
-- chat_id: `<smaller user id>_<larger user id>`, the same for both directions of a pair.
-- client_msg_id is binary-collated: ids differing only in case are different messages
-- (trailing spaces are still ignored: utf8mb4_bin is PAD SPACE).
-- update_time: last status change; for a RECALLED row (final) it is the recall time.
CREATE TABLE IF NOT EXISTS `im_c2c_message` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `msg_id` bigint NOT NULL,
  `client_msg_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `from_user_id` bigint unsigned NOT NULL,
  `to_user_id` bigint unsigned NOT NULL,
  `chat_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `msg_content` text NOT NULL,
  `msg_format` int NOT NULL,
  `msg_status` int NOT NULL,
  `create_time` bigint NOT NULL,
  `update_time` bigint NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_msg_id` (`msg_id`),
  -- A resend with the same client_msg_id is answered with the original row.
  UNIQUE KEY `uk_from_client_msg` (`from_user_id`, `client_msg_id`),
  KEY `idx_from_to_time` (`from_user_id`, `to_user_id`, `create_time`),
  -- The offline pull: PENDING rows of one receiver.
  KEY `idx_to_status_time` (`to_user_id`, `msg_status`, `create_time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Transactional outbox: MQ events (tag C2C_MSG or C2C_RECALL) committed with the change they
-- announce, deleted once the broker accepted them. A relay claims a row by moving due_time to the
-- end of its lease; attempts counts failed publishes.
CREATE TABLE IF NOT EXISTS `im_outbox` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `msg_id` bigint NOT NULL,
  `tag` varchar(32) NOT NULL,
  `body` text NOT NULL,
  `attempts` int NOT NULL,
  `due_time` bigint NOT NULL,
  `create_time` bigint NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_due_time` (`due_time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Recalls the receiver (user_id) has not been told about yet; deleted once notified.
CREATE TABLE IF NOT EXISTS `im_recall_notice` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `user_id` bigint unsigned NOT NULL,
  `msg_id` bigint NOT NULL,
  `from_user_id` bigint unsigned NOT NULL,
  `to_user_id` bigint unsigned NOT NULL,
  `recall_time` bigint NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_user_msg` (`user_id`, `msg_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
