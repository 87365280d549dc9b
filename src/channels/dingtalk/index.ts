// The DingTalk channel: Stream-mode robot in, session webhook or robot API out.
// Inbound order per frame: decode → router.accept (stored) → ack at once → process later, so
// a crash after the ack loses nothing and a redelivered msgId is acked but not run twice.
import type { Channel, DeliveryResult } from '../../core/channel.ts';
import type { InboundMessage, OutboundMessage, ReplyTarget } from '../../core/message.ts';
import type { DingtalkConfig } from '../../config.ts';
import type { ChannelDeps, ChannelModule } from '../index.ts';
import { createDingtalkApi, type ApiOutcome } from './api-client.ts';
import { decodeRobotFrame, dingtalkTarget, spokenCommand, type DingtalkAddress } from './decode.ts';
import { renderRobotApi, renderWebhook } from './render.ts';
import { createStreamConnection } from './stream.ts';
import type { StreamFrame } from './wire-types.ts';

/** Don't start a webhook post this close to its expiry; use the robot API instead. */
const WEBHOOK_MARGIN_MS = 10_000;

export function createDingtalkChannel(config: DingtalkConfig, deps: ChannelDeps): ChannelModule {
  const { router, services } = deps;
  const logger = services.logger.child({ channel: 'dingtalk' });
  const api = createDingtalkApi({ ...config, logger, now: services.now });
  const processing = new Set<Promise<unknown>>();

  function onRobotFrame(frame: StreamFrame, ack: () => void): void {
    const messageId = frame.headers.messageId;
    const decoded = decodeRobotFrame(frame, services.now());
    if (!decoded.ok) {
      // Acknowledged anyway: an unreadable frame would only come back every minute.
      logger.warn({ messageId, reason: decoded.reason }, 'dingtalk: unreadable robot message acknowledged and dropped');
      ack();
      return;
    }
    let inbound = decoded.inbound;
    if (inbound.contentType === 'voice') {
      inbound = { ...inbound, text: spokenCommand(inbound.text, (name) => router.table.find(name) !== undefined) };
    }
    let isNew: boolean;
    try {
      isNew = router.accept(inbound);
    } catch (error) {
      // Not stored, so not acknowledged: DingTalk redelivers it.
      logger.error({ err: error, messageId, msgId: inbound.id }, 'dingtalk: could not store inbound message; left unacknowledged');
      return;
    }
    ack();
    if (isNew) startLater(inbound);
  }

  // Processing starts one message per event-loop turn, so frames read in between are stored
  // and acknowledged first: a burst of commands cannot hold back the acks DingTalk waits for.
  const waiting: InboundMessage[] = [];
  let starter: NodeJS.Immediate | undefined;
  function startLater(inbound: InboundMessage): void {
    waiting.push(inbound);
    starter ??= setImmediate(startNext);
  }
  function startNext(): void {
    starter = undefined;
    const inbound = waiting.shift();
    if (!inbound) return;
    const run = router.process(inbound);
    processing.add(run);
    void run.finally(() => processing.delete(run));
    if (waiting.length) starter = setImmediate(startNext);
  }

  const stream = createStreamConnection({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    gatewayUrl: config.gatewayUrl,
    watchdogMs: config.watchdogMs,
    reconnectMs: config.reconnectMs,
    logger,
    onRobotFrame,
  });

  function toResult(outcome: ApiOutcome<unknown>): DeliveryResult {
    if (outcome.ok) return { status: 'sent' };
    return outcome.retry ? { status: 'retry', error: outcome.error } : { status: 'failed', error: outcome.error };
  }

  async function sendViaRobotApi(a: DingtalkAddress, message: OutboundMessage): Promise<DeliveryResult> {
    const { msgKey, msgParam } = renderRobotApi(message);
    if (a.conversationKind === 'group' && a.conversationId) {
      return toResult(await api.sendToGroup(a.conversationId, msgKey, msgParam));
    }
    if (!a.staffId) return { status: 'failed', error: 'no staffId to send to (external sender?) and no live session webhook' };
    const r = await api.sendToUsers([a.staffId], msgKey, msgParam);
    if (!r.ok) return toResult(r);
    // HTTP 200 is not delivery: the lists say what happened to each person (B7).
    if (r.data.flowControlledStaffIdList?.includes(a.staffId)) {
      return { status: 'retry', error: `flow controlled: ${a.staffId}` };
    }
    if (r.data.invalidStaffIdList?.includes(a.staffId)) {
      logger.warn({ staffId: a.staffId }, 'dingtalk: batchSend reports an invalid staffId');
      return { status: 'failed', error: `invalid staffId: ${a.staffId}` };
    }
    if (r.data.filteredStaffIdList?.includes(a.staffId)) {
      logger.warn({ staffId: a.staffId }, 'dingtalk: batchSend filtered the recipient');
      return { status: 'failed', error: `filtered staffId: ${a.staffId}` };
    }
    return { status: 'sent' };
  }

  const channel: Channel = {
    name: 'dingtalk',

    async start() {
      stream.start();
    },

    async stop() {
      await stream.stop();
      // Stored but not yet started: run now rather than leave them to the next start's recovery.
      if (starter) clearImmediate(starter);
      starter = undefined;
      for (const inbound of waiting.splice(0)) processing.add(router.process(inbound));
      await Promise.allSettled([...processing]);
    },

    async deliver(target: ReplyTarget, message: OutboundMessage): Promise<DeliveryResult> {
      const a = target.address as DingtalkAddress;
      const expiresAt = Number(a.sessionWebhookExpiredTime ?? 0);
      if (a.sessionWebhook && services.now() < expiresAt - WEBHOOK_MARGIN_MS) {
        const r = await api.postWebhook(a.sessionWebhook, renderWebhook(message));
        if (r.ok || r.retry) return toResult(r);
        logger.info({ error: r.error }, 'dingtalk: session webhook refused the reply; using the robot API');
      }
      return sendViaRobotApi(a, message);
    },

    health: () => stream.health(),

    targetForUser: (user) => (user.dingtalkStaffId ? dingtalkTarget({ staffId: user.dingtalkStaffId }, user.id) : null),
  };

  return { channel };
}

/** Target for a proactive message to a DingTalk group the robot is in (openConversationId). */
export function dingtalkGroupTarget(openConversationId: string): ReplyTarget {
  return dingtalkTarget({ conversationId: openConversationId, conversationKind: 'group' });
}
