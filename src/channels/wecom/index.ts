// The WeCom (企业微信) self-built app channel: the encrypted callback route in, message/send out
// through the shared outbox, contact changes straight into the users table, card clicks run
// the command their button carries.
import { createHash } from 'node:crypto';
import type { Channel, ChannelHealth, DeliveryResult } from '../../core/channel.ts';
import { replyList, text, type InboundMessage, type OutboundMessage, type ReplyTarget } from '../../core/message.ts';
import type { WecomConfig } from '../../config.ts';
import type { ChannelDeps, ChannelModule } from '../index.ts';
import type { User } from '../../domain/types.ts';
import { localDate, localParts } from '../../domain/time.ts';
import { TEXT } from '../../text/messages.ts';
import { WECOM_TEXT } from '../../text/wecom-messages.ts';
import { createWecomCrypto } from './crypto.ts';
import { createWecomApiClient, TOKEN_INVALID_CODES, WecomApiError, type WecomApiClient } from './api-client.ts';
import { createCallbackRoute } from './http-route.ts';
import { wecomExtra, type WecomExtra } from './decode.ts';
import { clip, renderOutbound } from './render.ts';
import { applyContactChange } from './contact-sync.ts';

/** Transient: retry with back-off. -1 busy, 45009 frequency limit, 45033 concurrency limit. */
const RETRY_CODES = new Set([-1, 45009, 45033]);

/** What the admin should do about a permanent error (logged with WeCom's own errmsg). */
export const ADMIN_HINTS: Record<number, string> = {
  40001: 'WECOM_SECRET is wrong or was reset: copy the Secret from 应用管理 → the app → Secret',
  40013: 'WECOM_CORP_ID is wrong: copy it from 我的企业 → 企业ID',
  40056: 'WECOM_AGENT_ID is wrong: copy the AgentId from the app page',
  60011: 'the member is outside the app visible range (可见范围): add them in the app settings',
  60020: "this server's egress IP is not in the app trusted IP list (企业可信IP): add it in the app settings",
  81013: 'no valid recipient: the user id is unknown or outside the app visible range (可见范围)',
  40003: 'invalid UserID: check the wecomUserId synced from the CRM',
};

/** WeCom drops (silently) more than 30 messages a minute or 1,000 an hour to one member. */
export const WECOM_PACING = { perMinute: 30, perHour: 1000 };

export type WecomChannel = Channel & {
  pacing: typeof WECOM_PACING;
  api: WecomApiClient;
  /** Runs one accepted callback (exposed for tests and recovery). */
  handle(inbound: InboundMessage): Promise<void>;
};

export function classifyError(error: unknown): { result: DeliveryResult; hint?: string; permanent: boolean } {
  if (error instanceof WecomApiError) {
    if (error.kind === 'network') return { result: { status: 'retry', error: error.message }, permanent: false };
    if (error.kind === 'http') {
      const transient = error.status === null || error.status >= 500 || error.status === 429 || error.status === 200;
      return transient
        ? { result: { status: 'retry', error: error.message }, permanent: false }
        : { result: { status: 'failed', error: error.message }, permanent: true, hint: 'check WECOM_API_BASE (or the proxy in front of WeCom)' };
    }
    const code = error.errcode ?? 0;
    // A token refused twice in a row is WeCom's side; a later attempt gets a fresh one.
    if (RETRY_CODES.has(code) || TOKEN_INVALID_CODES.has(code)) {
      return { result: { status: 'retry', error: error.message, ...(code === 45009 ? { retryAfterMs: 60_000 } : {}) }, permanent: false };
    }
    return { result: { status: 'failed', error: error.message }, permanent: true, hint: ADMIN_HINTS[code] };
  }
  return { result: { status: 'retry', error: error instanceof Error ? error.message : String(error) }, permanent: false };
}

export function createWecomChannel(wc: WecomConfig, deps: ChannelDeps): ChannelModule & { channel: WecomChannel } {
  const { router, services } = deps;
  const { store, logger: baseLogger } = services;
  const logger = baseLogger.child({ channel: 'wecom' });
  const crypto = createWecomCrypto({ token: wc.token, encodingAesKey: wc.encodingAesKey, receiveId: wc.corpId });
  const api = createWecomApiClient({ apiBase: wc.apiBase, corpId: wc.corpId, secret: wc.secret, timeoutMs: wc.timeoutMs, now: services.now });
  // Parts of a split message already accepted by WeCom, so a retry does not repeat them.
  const partsSent = new Map<string, number>();
  let lastOkAt = 0;
  let lastProblem: { at: number; detail: string; permanent: boolean } | null = null;

  const notify = () => deps.notify?.('wecom');

  function rememberParts(key: string, sent: number): void {
    if (partsSent.size >= 1000) partsSent.delete(partsSent.keys().next().value!);
    partsSent.set(key, sent);
  }

  function queue(target: ReplyTarget, message: OutboundMessage, dedupKey: string): void {
    if (store.outbox.enqueue(target, message, { dedupKey }) !== null) notify();
  }

  const userOf = (wecomUserId: string): User | null => store.users.findByWecomUserId(wecomUserId);
  const replyTo = (m: InboundMessage, user: User | null): ReplyTarget => ({ ...m.replyTarget, ...(user ? { userId: user.id } : {}) });

  /** Voice has no transcript for apps: ask (at most once a day) for text instead. */
  function onVoice(m: InboundMessage): void {
    const user = userOf(m.senderId);
    const day = localDate(services.now(), services.config.timeZone);
    const message = !user ? text(TEXT.unknownUser('wecom', m.senderId)) : !user.active ? text(TEXT.inactiveUser) : text(WECOM_TEXT.voiceHint);
    queue(replyTo(m, user), message, `wecom:voice-hint:${m.senderId}:${day}`);
  }

  /** First visit: greet with the help text (once ever per member). */
  async function onEnterAgent(m: InboundMessage): Promise<void> {
    const user = userOf(m.senderId);
    if (!user) return queue(replyTo(m, null), text(TEXT.unknownUser('wecom', m.senderId)), `wecom:welcome-unknown:${m.senderId}`);
    if (!user.active) return;
    const help = router.table.find('/帮助');
    const helpReply = help ? await help.run({ user, args: [], rest: '', inbound: m, services }) : null;
    const messages = [text(WECOM_TEXT.welcome(user.name)), ...replyList(helpReply)];
    messages.forEach((message, i) => queue(replyTo(m, user), message, `wecom:welcome:${user.id}:${i}`));
  }

  async function onContact(extra: WecomExtra): Promise<void> {
    const changed = await applyContactChange(extra.contact!, {
      store,
      logger,
      today: localDate(services.now(), services.config.timeZone),
      getUser: (userid) => api.getUser(userid),
    });
    if (changed) services.events.emit('userChanged', changed);
  }

  /** A button click runs the command its key carries, then the card shows the choice. */
  async function onCardClick(m: InboundMessage, extra: WecomExtra): Promise<void> {
    const taskId = extra.taskId!;
    const key = extra.eventKey ?? m.text;
    const label = store.wecom.buttonsOf(taskId)?.find((b) => b.key === key)?.label ?? null;
    const clickId = store.wecom.recordClick({ taskId, wecomUserId: m.senderId, eventKey: key, label, responseCode: extra.responseCode ?? null });
    await router.process(m);
    const user = userOf(m.senderId);
    if (!extra.responseCode || !user?.active) return;
    try {
      await api.updateTemplateCard({
        userids: [m.senderId],
        agentid: wc.agentId,
        response_code: extra.responseCode,
        button: { replace_name: clip(label ? WECOM_TEXT.cardChosen(label) : WECOM_TEXT.cardDone, 20) },
      });
      store.wecom.markClickUpdate(clickId, 'updated');
    } catch (error) {
      store.wecom.markClickUpdate(clickId, 'failed', (error as Error).message);
      logger.warn({ err: error, taskId }, 'update_template_card failed; the card still shows its buttons');
    }
  }

  async function handle(m: InboundMessage): Promise<void> {
    const extra = wecomExtra(m);
    try {
      switch (extra?.kind) {
        case 'card_click':
          return await onCardClick(m, extra); // router.process marks it processed
        case 'voice':
          onVoice(m);
          break;
        case 'enter_agent':
          await onEnterAgent(m);
          break;
        case 'contact':
          await onContact(extra);
          break;
        default:
          await router.process(m);
          return;
      }
      store.inbox.markProcessed(m);
    } catch (error) {
      logger.error({ err: error, msgId: m.id }, 'WeCom callback handling failed');
      store.inbox.markFailed(m, error instanceof Error ? error.message : String(error));
    }
  }

  /** Pushes (not replies) wait out the congested :00 and :30 minutes, spread over a minute or two. */
  function congestionDelay(target: ReplyTarget): number | null {
    if (target.address.mode !== 'push') return null;
    const t = services.now();
    const { minute, second } = localParts(t, services.config.timeZone);
    if (minute !== 0 && minute !== 30) return null;
    return (60 - second) * 1000 + Math.floor(Math.random() * 90_000);
  }

  async function deliver(target: ReplyTarget, message: OutboundMessage): Promise<DeliveryResult> {
    const touser = target.address.userId;
    if (!touser) return { status: 'failed', error: 'no WeCom user id in the target' };
    const wait = congestionDelay(target);
    if (wait !== null) return { status: 'retry', error: 'held: congested minute (:00/:30)', retryAfterMs: wait };

    const rendered = renderOutbound(message, { touser, agentId: wc.agentId, cardUrl: wc.cardUrl });
    const key = rendered.bodies.length > 1 ? createHash('sha1').update(JSON.stringify([target, message])).digest('hex') : '';
    const start = partsSent.get(key) ?? 0;
    for (let i = start; i < rendered.bodies.length; i += 1) {
      const body = rendered.bodies[i]!;
      if (body.msgtype === 'template_card' && rendered.card) {
        store.wecom.recordCard(rendered.card.taskId, touser, message.kind === 'card' ? message.card.refId : undefined, rendered.card.buttons);
      }
      try {
        const r = await api.sendMessage(body);
        const invalid = (r.invaliduser ?? '').split('|').filter(Boolean);
        if (invalid.length || r.unlicenseduser) {
          logger.warn({ invaliduser: r.invaliduser, unlicenseduser: r.unlicenseduser, hint: ADMIN_HINTS[81013] }, 'WeCom did not deliver to some recipients');
        }
        if (invalid.some((u) => u.toLowerCase() === touser.toLowerCase())) {
          partsSent.delete(key);
          return { status: 'failed', error: `invaliduser ${touser}` };
        }
      } catch (error) {
        const c = classifyError(error);
        if (i > 0) rememberParts(key, i);
        const detail = 'error' in c.result ? c.result.error : '';
        lastProblem = { at: services.now(), detail: c.hint ? `${detail} — ${c.hint}` : detail, permanent: c.permanent };
        if (c.permanent) {
          partsSent.delete(key);
          logger.error({ error: detail, hint: c.hint, touser }, 'WeCom refused the message');
        }
        return c.result;
      }
    }
    partsSent.delete(key);
    lastOkAt = services.now();
    return { status: 'sent' };
  }

  function health(): ChannelHealth {
    if (lastProblem && lastProblem.at >= lastOkAt) {
      return { status: 'degraded', detail: lastProblem.detail };
    }
    return { status: 'ok' };
  }

  const channel: WecomChannel = {
    name: 'wecom',
    pacing: WECOM_PACING,
    api,
    handle,
    async start() {},
    async stop() {},
    deliver,
    health,
    targetForUser: (user) =>
      user.wecomUserId ? { channel: 'wecom', userId: user.id, address: { userId: user.wecomUserId, mode: 'push' } } : null,
  };

  const routeRouter = createCallbackRoute({
    crypto,
    logger,
    now: services.now,
    accept: (m) => router.accept(m),
    process: (m) => void handle(m),
  });

  return { channel, routes: { path: '/wecom/callback', router: routeRouter } };
}
