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
-- conv_id: the conversation, `c_<chat_id>`; seq: the entry's position in it, 1, 2, 3... with no
-- gap and no reuse (assigned under the im_conversation row lock in the inserting transaction).
-- Entries are messages and RECALL tombstones (msg_format 16, recalled_msg_id = the recalled
-- msg_id, client_msg_id "\x01r:<recalled msg_id>", which no client can send). A recalled
-- message keeps its row with msg_status 2 and empty msg_content.
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
  `conv_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `seq` bigint unsigned NOT NULL,
  `recalled_msg_id` bigint NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_msg_id` (`msg_id`),
  -- A resend with the same client_msg_id is answered with the original row.
  UNIQUE KEY `uk_from_client_msg` (`from_user_id`, `client_msg_id`),
  -- HISTORY by seq; no seq is used twice.
  UNIQUE KEY `uk_conv_seq` (`conv_id`, `seq`),
  KEY `idx_from_to_time` (`from_user_id`, `to_user_id`, `create_time`),
  -- The offline pull: PENDING rows of one receiver.
  KEY `idx_to_status_time` (`to_user_id`, `msg_status`, `create_time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Transactional outbox: MQ events (tag C2C_MSG, C2C_RECALL or CONV_READ) committed with the
-- change they announce, deleted once the broker accepted them. A relay claims a row by moving
-- due_time to the end of its lease; attempts counts failed publishes. mq_key is the MQ message key
-- (the msg_id; `<user_id>:<conv_id>` for CONV_READ, whose msg_id is 0).
CREATE TABLE IF NOT EXISTS `im_outbox` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `msg_id` bigint NOT NULL,
  `tag` varchar(32) NOT NULL,
  `body` mediumtext NOT NULL,
  `attempts` int NOT NULL,
  `due_time` bigint NOT NULL,
  `create_time` bigint NOT NULL,
  `mq_key` varchar(128) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_due_time` (`due_time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Recalls the receiver (user_id) has not been told about yet; deleted once notified. conv_id and
-- seq name the RECALL tombstone (seq 0: recalled before conversations existed).
CREATE TABLE IF NOT EXISTS `im_recall_notice` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `user_id` bigint unsigned NOT NULL,
  `msg_id` bigint NOT NULL,
  `from_user_id` bigint unsigned NOT NULL,
  `to_user_id` bigint unsigned NOT NULL,
  `recall_time` bigint NOT NULL,
  `conv_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `seq` bigint unsigned NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_user_msg` (`user_id`, `msg_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per conversation: its sequence counter and its last entry. A writer locks the row
-- (conv_id order within a batch), takes max_seq + 1, ... for its entries and commits both
-- together, so an entry with seq N is visible only once every entry below N is.
-- conv_type: 1 one-to-one, 2 group.
CREATE TABLE IF NOT EXISTS `im_conversation` (
  `conv_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `conv_type` int NOT NULL,
  `max_seq` bigint unsigned NOT NULL,
  `last_msg_id` bigint NOT NULL,
  `update_time` bigint NOT NULL,
  PRIMARY KEY (`conv_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per (user, conversation) the user takes part in: what SYNC lists, newest first.
-- peer_user_id: the other user of a one-to-one conversation (the user itself for a note to
-- yourself); group_id for groups. read_seq only moves forward; min_seq is the lowest readable
-- seq (1 in one-to-one). update_time: the last entry's time or the user's last read change.
CREATE TABLE IF NOT EXISTS `im_user_conversation` (
  `user_id` bigint unsigned NOT NULL,
  `conv_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `peer_user_id` bigint unsigned NOT NULL,
  `group_id` bigint unsigned NOT NULL,
  `read_seq` bigint unsigned NOT NULL,
  `min_seq` bigint unsigned NOT NULL,
  `update_time` bigint NOT NULL,
  PRIMARY KEY (`user_id`, `conv_id`),
  KEY `idx_user_update` (`user_id`, `update_time`, `conv_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
