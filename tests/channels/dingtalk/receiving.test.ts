import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shownText, startFakeDingtalk, type FakeDingtalk } from '../../fakes/fake-dingtalk.ts';
import { waitFor } from '../../support/wait.ts';
import { STAFF, startDingtalkApp, type DingtalkTestApp } from './dingtalk-app.ts';

describe('DingTalk channel: receiving robot messages', () => {
  let fake: FakeDingtalk;
  let d: DingtalkTestApp;
  beforeEach(async () => {
    fake = await startFakeDingtalk();
    d = await startDingtalkApp(fake);
  });
  afterEach(async () => {
    await d.close();
    await fake.close();
  });

  it('opens the Stream through the configured gateway, subscribed to robot messages only', () => {
    expect(fake.openRequests).toHaveLength(1);
    expect(fake.openRequests[0]).toMatchObject({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      subscriptions: [{ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }],
    });
  });

  it('echoes the gateway ping', async () => {
    expect(fake.sendPing()).not.toBeNull();
    await waitFor(() => fake.pingEchoes.ok === 1, 'the ping echo');
    expect(fake.pingEchoes.bad).toBe(0);
  });

  it('answers /我的漏斗 in a 1:1 chat through the session webhook, after acknowledging', async () => {
    const msg = fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' });
    const messageId = fake.push(msg);
    const [reply] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the reply');
    expect(reply!.via).toBe('webhook');
    expect(reply!.body.msgtype).toBe('markdown');
    expect(reply!.body.markdown.title).toBe('李娜的销售漏斗');
    expect(shownText(reply!)).toContain('低于安全水位');

    const acks = await waitFor(() => fake.acksFor(messageId).length > 0 && fake.acksFor(messageId), 'the ack');
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ code: 200, data: { response: null } });
    expect(acks[0]!.at).toBeLessThanOrEqual(reply!.at);
    expect(d.t.app.store.inbox.status('dingtalk', msg.msgId as string)).toBe('processed');
  });

  it('answers a group message that @-mentions the robot, in the group', async () => {
    const msg = fake.robotMessage({ staffId: STAFF.wangqiang, group: true, atBot: true, text: '@王强 /团队漏斗' });
    fake.push(msg);
    const [reply] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the group reply');
    expect(reply).toMatchObject({ via: 'webhook', to: msg.conversationId });
    expect(shownText(reply!)).toContain('李娜');
    expect(shownText(reply!)).toContain('低于安全水位');
  });

  it('acknowledges but ignores a group message that does not @ the robot', async () => {
    const msg = fake.robotMessage({ staffId: STAFF.lina, group: true, atBot: false, text: '/我的漏斗' });
    const messageId = fake.push(msg);
    await waitFor(() => d.t.app.store.inbox.status('dingtalk', msg.msgId as string) === 'processed', 'the message to be handled');
    await waitFor(() => fake.isAcked(messageId), 'the ack');
    await d.settle();
    expect(fake.sent).toEqual([]);
    expect(d.t.app.store.outbox.list('sent')).toEqual([]);
  });

  it('explains registration to an unknown sender', async () => {
    fake.push(fake.robotMessage({ staffId: 'dt-newcomer', text: '/我的漏斗' }));
    const [reply] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the reply');
    expect(reply!.body).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining('你还没有在销售雷达登记') },
    });
    expect(reply!.body.text.content).toContain('钉钉账号「dt-newcomer」');
  });

  it('runs a spoken command from the audio recognition text', async () => {
    fake.push(
      fake.robotMessage({ staffId: STAFF.lina, msgtype: 'audio', content: { duration: 2300, downloadCode: 'dl-1', recognition: '我的漏斗。' } }),
    );
    const [reply] = await waitFor(() => fake.sent.length > 0 && fake.sent, 'the reply');
    expect(reply!.body.markdown.title).toBe('李娜的销售漏斗');
  });

  it('processes a redelivered msgId once and acknowledges every copy', async () => {
    const msg = fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' });
    const first = fake.push(msg);
    await waitFor(() => fake.sent.length === 1, 'the first reply');
    fake.redeliver(first);
    const second = fake.push(msg); // same msgId under a new frame messageId
    await waitFor(() => fake.acksFor(first).length === 2 && fake.isAcked(second), 'the acks of the copies');
    await d.settle();
    expect(fake.sent).toHaveLength(1);
    expect(d.t.app.store.inbox.count()).toBe(1);
  });

  it('survives broken frames: logged, unreadable robot data acknowledged, the next message answered', async () => {
    fake.pushRaw('this is not json');
    fake.pushRaw(JSON.stringify({ type: 'CALLBACK', headers: { messageId: 'bad-1', topic: '/v1.0/im/bot/messages/get' }, data: '{oops' }));
    fake.push(fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' }));
    await waitFor(() => fake.sent.length === 1, 'the reply after the broken frames');
    await waitFor(() => fake.acksFor('bad-1').length === 1, 'the ack of the unreadable robot frame');
    expect(d.t.app.store.inbox.count()).toBe(1);
  });
});
