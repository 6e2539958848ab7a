// strategies/: one handler per client command; each talks to a Session and to services only.
import type { ConversationService } from '../conversations/conversation-service.js';
import type { TypingService } from '../conversations/typing-service.js';
import type { Router } from '../cluster/router.js';
import type { Logger } from '../log/logger.js';
import type { Delivery } from '../messaging/delivery.js';
import type { LivePush } from '../messaging/live-push.js';
import type { LoginReplay } from '../messaging/login-replay.js';
import type { OfflineInbox } from '../messaging/offline-inbox.js';
import type { RecallService } from '../messaging/recall-service.js';
import type { SendService } from '../messaging/send-service.js';
import type { Metrics } from '../ops/metrics.js';
import type { Strategy } from '../pipeline/strategy.js';
import { AuthStrategy, type VerifyToken } from './auth.js';
import type { LoginLimiter } from '../auth/login-limiter.js';
import { C2CAckStrategy } from './c2c-ack.js';
import { FailureLog } from '../log/failure-log.js';
import { C2CSendStrategy } from './c2c-send.js';
import { HistoryStrategy, ReadStrategy, SyncStrategy, TypingStrategy } from './conversations.js';
import { HeartbeatStrategy } from './heartbeat.js';
import { PullOfflineStrategy } from './pull-offline.js';
import { RecallStrategy } from './recall.js';
import { GroupCreateStrategy, GroupInfoStrategy, GroupMembersStrategy, GroupSendStrategy } from './groups.js';
import type { GroupFanout } from '../groups/group-fanout.js';
import type { GroupService } from '../groups/group-service.js';

/** What the strategies are built on: the gateway's services. */
export interface StrategyServices {
  verifyToken: VerifyToken;
  loginLimiter: LoginLimiter;
  router: Router;
  replay: LoginReplay;
  sends: SendService;
  live: LivePush;
  delivery: Delivery;
  recalls: RecallService;
  inbox: OfflineInbox;
  conversations: ConversationService;
  typing: TypingService;
  groups: GroupService;
  groupFanout: GroupFanout;
  metrics: Metrics;
  logger: Logger;
  heartbeatIntervalMs: number;
  maxPullLimit: number;
}

/** Every command a client may send, with its handler: the pipeline accepts exactly these. */
export function clientStrategies(s: StrategyServices): Strategy[] {
  return [
    new AuthStrategy(s.verifyToken, s.router, s.replay, s.groupFanout, s.heartbeatIntervalMs, s.metrics, s.logger, s.loginLimiter),
    new HeartbeatStrategy(),
    new C2CSendStrategy(s.sends, s.live, (seconds) => s.metrics.sendAckSeconds.observe(seconds)),
    new C2CAckStrategy(s.delivery, new FailureLog(s.logger, 'ack store')),
    new RecallStrategy(s.recalls, s.groups),
    new PullOfflineStrategy(s.inbox, s.maxPullLimit),
    new SyncStrategy(s.conversations),
    new HistoryStrategy(s.conversations),
    new ReadStrategy(s.conversations),
    new TypingStrategy(s.typing),
    new GroupSendStrategy(s.groups, (seconds) => s.metrics.sendAckSeconds.observe(seconds)),
    new GroupCreateStrategy(s.groups),
    new GroupMembersStrategy(s.groups),
    new GroupInfoStrategy(s.groups),
  ];
}
