-- Groups (PROTOCOL.md, Additions A) on MySQL 8 / MariaDB 10.6+, after im_c2c_message.sql.
-- Like that file, built by the gateway's migrations as well and compared with them by
-- test/storage/sql-schema.test.ts.
--
-- A group's conversation is `g_<group_id>`: its counter and last entry are an im_conversation
-- row (conv_type 2), each member's read position an im_user_conversation row (group_id set).

-- group_id is a snowflake. member_count counts current members, owner included.
-- create_req_id: GROUP_CREATE's client_req_id; the same one from the same owner names the same
-- group. Without one, "\x01<group_id>", which no client can send and no other group has.
CREATE TABLE IF NOT EXISTS `im_group` (
  `group_id` bigint NOT NULL,
  `group_name` varchar(128) NOT NULL,
  `owner_user_id` bigint unsigned NOT NULL,
  `member_count` int NOT NULL,
  `create_req_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `create_time` bigint NOT NULL,
  `update_time` bigint NOT NULL,
  PRIMARY KEY (`group_id`),
  UNIQUE KEY `uk_owner_req` (`owner_user_id`, `create_req_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Memberships, current and past. member_role: 1 member, 2 admin, 3 owner. join_seq: the seq of
-- the entry that added the user (CREATED or MEMBERS_ADDED), the first it may read; leave_seq: the
-- entry that removed it (0 while a member), the last it may read.
CREATE TABLE IF NOT EXISTS `im_group_member` (
  `group_id` bigint NOT NULL,
  `user_id` bigint unsigned NOT NULL,
  `member_role` int NOT NULL,
  `join_seq` bigint unsigned NOT NULL,
  `leave_seq` bigint unsigned NOT NULL,
  `join_time` bigint NOT NULL,
  PRIMARY KEY (`group_id`, `user_id`),
  -- The groups of a user (login, SYNC).
  KEY `idx_user_group` (`user_id`, `group_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every entry of a group conversation, stored once for the group (read diffusion): messages,
-- RECALL tombstones (msg_format 16) and GROUP_EVENT entries (msg_format 17, group_event = the
-- GroupEvent as JSON, client_msg_id "\x01g:<msg_id>"). msg_status: 0, or 2 RECALLED (content
-- emptied). mention_user_ids: comma-separated.
CREATE TABLE IF NOT EXISTS `im_group_message` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `msg_id` bigint NOT NULL,
  `client_msg_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `from_user_id` bigint unsigned NOT NULL,
  `group_id` bigint NOT NULL,
  `msg_content` text NOT NULL,
  `msg_format` int NOT NULL,
  `msg_status` int NOT NULL,
  `create_time` bigint NOT NULL,
  `update_time` bigint NOT NULL,
  `conv_id` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `seq` bigint unsigned NOT NULL,
  `recalled_msg_id` bigint NOT NULL,
  `mention_user_ids` text NOT NULL,
  `group_event` text NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_group_msg_id` (`msg_id`),
  -- HISTORY by seq; no seq is used twice.
  UNIQUE KEY `uk_group_seq` (`group_id`, `seq`),
  -- A resend with the same client_msg_id is answered with the original row.
  UNIQUE KEY `uk_group_from_client` (`from_user_id`, `client_msg_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
