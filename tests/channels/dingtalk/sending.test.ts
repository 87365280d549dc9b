import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDingtalk, type FakeDingtalk } from '../../fakes/fake-dingtalk.ts';
import { waitFor } from '../../support/wait.ts';
import { STAFF, startDingtalkApp, type DingtalkTestApp } from './dingtalk-app.ts';
import { commandLink } from '../../../src/channels/dingtalk/render.ts';
import { dingtalkGroupTarget } from '../../../src/channels/dingtalk/index.ts';
import type { OutboundMessage } from '../../../src/core/message.ts';

const brief: OutboundMessage = { kind: 'markdown', title: '今日简报', markdown: '**今日简报**\n今天有 2 个客户需要跟进' };
const sopCard: OutboundMessage = {
  kind: 'card',
  card: {
    title: '异议处理：预算不足',
    body: '先确认预算周期，再给出分期方案。',
    buttons: [
      { label: '完全适用', command: '/反馈 12 完全适用' },
      { label: '不适用', command: '/反馈 12 不适用' },
    ],
  },
};

describe('DingTalk channel: sending', () => {
  let fake: FakeDingtalk;
  let d: DingtalkTestApp;
  beforeEach(async () => {
    fake = await startFakeDingtalk({ knownStaff: [STAFF.lina, STAFF.wangqiang] });
    d = await startDingtalkApp(fake);
  });
  afterEach(async () => {
    await d.close();
    await fake.close();
  });

  const lina = () => d.t.app.store.users.get('demo-lina')!;

  it('falls back to batchSend when the session webhook has expired', async () => {
    fake.push(fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗', webhookExpiresAt: Date.now() - 1000 }));
    const [reply] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the reply');
    expect(reply).toMatchObject({ via: 'batchSend', to: STAFF.lina, msgKey: 'sampleMarkdown' });
    expect(typeof reply!.body.msgParam).toBe('string');
    expect(reply!.body.userIds).toEqual([STAFF.lina]);
    expect(reply!.param.title).toBe('李娜的销售漏斗');
  });

  it('falls back to groupMessages/send for a group whose session webhook has expired', async () => {
    const msg = fake.robotMessage({ staffId: STAFF.lina, group: true, text: '/我的漏斗', webhookExpiresAt: Date.now() - 1000 });
    fake.push(msg);
    const [reply] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the reply');
    expect(reply).toMatchObject({ via: 'groupSend', to: msg.conversationId, msgKey: 'sampleMarkdown' });
    expect(reply!.body.openConversationId).toBe(msg.conversationId);
  });

  it('uses the robot API when the session webhook refuses a reply', async () => {
    fake.push(fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' }));
    // The frame still promises 90 minutes; the platform says no (the app only sees the refusal).
    fake.expireSessions();
    const [reply] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the reply');
    expect(reply!.via).toBe('batchSend');
  });

  it('pushes a card proactively as an actionCard whose buttons send the feedback command', async () => {
    expect(d.t.app.services.push(lina(), sopCard)).toBe(true);
    const [sent] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the push');
    expect(sent).toMatchObject({ via: 'batchSend', to: STAFF.lina, msgKey: 'sampleActionCard2' });
    expect(sent!.param).toMatchObject({
      title: '异议处理：预算不足',
      actionTitle1: '完全适用',
      actionURL1: commandLink('/反馈 12 完全适用'),
      actionTitle2: '不适用',
    });
    expect(new URL(sent!.param.actionURL2).searchParams.get('content')).toBe('/反馈 12 不适用');
  });

  it('sends to a bound group through groupMessages/send', async () => {
    d.t.app.store.outbox.enqueue(dingtalkGroupTarget('cidTeamGroup=='), brief);
    await d.t.app.dispatcher.drain('dingtalk');
    expect(fake.sent).toMatchObject([{ via: 'groupSend', to: 'cidTeamGroup==', msgKey: 'sampleMarkdown' }]);
  });

  it('gets a new token when the old one was revoked, and the push still arrives once', async () => {
    d.t.app.services.push(lina(), brief);
    await waitFor(() => fake.sent.length === 1, 'the first push');
    fake.revokeTokens();
    d.t.app.services.push(lina(), { ...brief, title: '明日简报' });
    await waitFor(() => fake.sent.length === 2, 'the second push');
    await d.settle();
    expect(fake.tokenRequests).toBe(2);
    expect(fake.sent.map((s) => s.param.title)).toEqual(['今日简报', '明日简报']);
    expect(d.t.app.store.outbox.list('failed')).toEqual([]);
  });

  it('retries through the outbox after a 503 and after flow control, then delivers once', async () => {
    fake.failNext('batchSend', 503, { code: 'ServiceUnavailable', message: 'busy' });
    fake.flowControl(STAFF.wangqiang, 1);
    d.t.app.services.push(lina(), brief);
    d.t.app.services.push(d.t.app.store.users.get('demo-wangqiang')!, brief);
    await waitFor(() => fake.sent.length === 2, 'both pushes');
    await d.settle();
    const sent = d.t.app.store.outbox.list('sent');
    expect(sent.map((s) => s.attempts).sort()).toEqual([2, 2]);
    expect(sent.every((s) => s.lastError === null)).toBe(true);
    expect(fake.sentTo(STAFF.lina)).toHaveLength(1);
    expect(fake.sentTo(STAFF.wangqiang)).toHaveLength(1);
  });

  it('marks permanent errors failed without retrying: invalid staff and bad parameters', async () => {
    const gone = { ...lina(), id: 'demo-gone', name: '离职员工', wecomUserId: null, dingtalkStaffId: 'dt-gone' };
    d.t.app.store.users.upsert(gone);
    d.t.app.services.push(d.t.app.store.users.get('demo-gone')!, brief);
    await waitFor(() => d.t.app.store.outbox.list('failed').length === 1, 'the first failure');
    fake.failNext('batchSend', 400, { code: 'invalidParameter.msgParam', message: 'bad msgParam' });
    d.t.app.services.push(lina(), brief);
    await waitFor(() => d.t.app.store.outbox.list('failed').length === 2, 'both failures');
    const failed = d.t.app.store.outbox.list('failed');
    expect(failed.map((f) => f.attempts)).toEqual([1, 1]);
    expect(failed.map((f) => f.lastError).sort()).toEqual(['HTTP 400 invalidParameter.msgParam: bad msgParam', 'invalid staffId: dt-gone']);
    expect(fake.sent).toEqual([]);
  });

  it('offers a push target only to users with a DingTalk staffId', () => {
    const channel = d.t.app.channels.find((m) => m.channel.name === 'dingtalk')!.channel;
    expect(channel.targetForUser!(lina())).toEqual({ channel: 'dingtalk', userId: 'demo-lina', address: { staffId: STAFF.lina } });
    expect(channel.targetForUser!(d.t.app.store.users.get('demo-zhangwei')!)).toBeNull();
  });
});
