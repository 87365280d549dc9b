// The callback URL end to end: the real app on a port, the callback client building requests
// as WeCom does, replies observed at the fake WeCom's message/send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackClient } from '../../fakes/wecom-callback-client.ts';
import { FAKE_APP } from '../../fakes/fake-wecom.ts';
import { startWorld, type World } from './world.ts';
import { V1, V2 } from './vectors.ts';

describe('WeCom callback URL on the running app', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(async () => w.close());

  const inboxCount = () => w.app.store.inbox.count();

  it('answers URL verification with the bare decrypted echostr, and 403 to a wrong signature', async () => {
    const ok = await w.client.verifyUrl('7365093822837581761');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('7365093822837581761');
    const forged = await w.client.verifyUrl('1', { tamper: true });
    expect(forged.status).toBe(403);
  });

  it('runs /我的漏斗 from a rep and replies through message/send, after an empty 200', async () => {
    const r = await w.client.post(w.client.text('lina', '/我的漏斗'));
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    await w.fake.waitFor(() => w.fake.delivered('lina').length > 0);
    const [reply] = w.fake.delivered('lina');
    expect(reply!.msgtype).toBe('markdown');
    expect(reply!.body.agentid).toBe(1000002);
    expect(reply!.body.markdown.content).toContain('李娜的销售漏斗');
    expect(reply!.body.markdown.content).toContain('低于安全水位');
  });

  it('knows a member whatever the case of the UserID (WeCom UserIDs are case-insensitive)', async () => {
    const replies = () => [...w.fake.delivered('lina'), ...w.fake.delivered('LiNa')];
    const before = replies().length;
    const r = await w.client.post(w.client.text('LiNa', '/我的漏斗'));
    expect(r.status).toBe(200);
    await w.fake.waitFor(() => replies().length > before);
    expect(replies().at(-1)!.body.markdown.content).toContain('李娜的销售漏斗');
  });

  it('processes a redelivered message once (same MsgId, sequential and concurrent)', async () => {
    const e = w.client.envelope(w.client.text('zhangwei', '/帮助', '9223372036854775807'));
    const before = w.fake.delivered('zhangwei').length;
    const answers = await Promise.all([w.client.postRaw(e.body, e.query), w.client.postRaw(e.body, e.query)]);
    const again = await w.client.postRaw(e.body, e.query);
    expect([...answers, again].map((a) => a.status)).toEqual([200, 200, 200]);
    await w.fake.waitFor(() => w.fake.delivered('zhangwei').length > before);
    // Give a wrongly-processed duplicate the same chance to show up before counting.
    await w.app.dispatcher.drain('wecom');
    expect(w.fake.delivered('zhangwei').length - before).toBe(1);
    expect(w.app.store.inbox.status('wecom', '9223372036854775807')).toBe('processed');
  });

  it('answers 500 when it cannot store the message, so WeCom delivers it again', async () => {
    const e = w.client.envelope(w.client.text('zhangwei', '/我的漏斗', '660001'));
    const before = w.fake.delivered('zhangwei').length;
    w.app.db.exec('ALTER TABLE inbox RENAME TO inbox_offline');
    try {
      expect((await w.client.postRaw(e.body, e.query)).status).toBe(500);
    } finally {
      w.app.db.exec('ALTER TABLE inbox_offline RENAME TO inbox');
    }
    expect(await w.client.deliver(w.client.text('zhangwei', '/我的漏斗', '660001'))).toEqual([200]);
    await w.fake.waitFor(() => w.fake.delivered('zhangwei').length === before + 1);
    expect(w.fake.contents('zhangwei').at(-1)).toContain('张伟的销售漏斗');
  });

  it('drops a forged signature with 403 and stores nothing', async () => {
    const before = inboxCount();
    const e = w.client.envelope(w.client.text('lina', '/我的漏斗'));
    const forged = { ...e.query, msg_signature: 'f'.repeat(40) };
    expect((await w.client.postRaw(e.body, forged)).status).toBe(403);
    expect((await w.client.postRaw(e.body, { timestamp: e.query.timestamp, nonce: e.query.nonce })).status).toBe(401);
    // Signed by someone with another token.
    const stranger = createCallbackClient({ url: `${w.base}/wecom/callback`, token: 'OtherToken', encodingAesKey: V2.key, corpId: V2.corpId, agentId: 1, now: w.clock.now });
    expect((await stranger.post(stranger.text('lina', '/我的漏斗'))).status).toBe(403);
    expect(inboxCount()).toBe(before);
    expect(w.logs.some((l) => l.msg.includes('wrong signature'))).toBe(true);
  });

  it('refuses timestamps outside ±5 minutes (replay) even when correctly signed', async () => {
    const before = inboxCount();
    const nowS = Math.floor(w.clock.now() / 1000);
    const old = await w.client.post(w.client.text('lina', '/我的漏斗'), { timestamp: nowS - 6 * 60 });
    const future = await w.client.post(w.client.text('lina', '/我的漏斗'), { timestamp: nowS + 6 * 60 });
    const edge = await w.client.post(w.client.text('liuyang', '/帮助'), { timestamp: nowS - 4 * 60 });
    expect([old.status, future.status, edge.status]).toEqual([403, 403, 200]);
    expect(inboxCount()).toBe(before + 1);
  });

  it('answers 400 to garbage and keeps serving', async () => {
    const before = inboxCount();
    const q = w.client.envelope('<xml/>').query;
    expect((await w.client.postRaw('hello, not xml', q)).status).toBe(400);
    expect((await w.client.postRaw('<xml><Encrypt>', q)).status).toBe(400);
    // A valid signature over a ciphertext that is not WeCom's.
    const junk = Buffer.alloc(96, 1).toString('base64'); // whole AES blocks, but not WeCom's layout
    const signed = w.client.envelope('x');
    const sig = (await import('@wecom/crypto')).getSignature(FAKE_APP.token, signed.query.timestamp, signed.query.nonce, junk);
    const junkBody = `<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[${junk}]]></Encrypt></xml>`;
    expect((await w.client.postRaw(junkBody, { ...signed.query, msg_signature: sig })).status).toBe(400);
    // Correctly encrypted and signed, but the plaintext is not XML / misses fields.
    expect((await w.client.post('just some text')).status).toBe(400);
    expect((await w.client.post('<xml><MsgType>text</MsgType></xml>')).status).toBe(400);
    expect(inboxCount()).toBe(before);

    const health = await fetch(`${w.base}/healthz`);
    expect(health.status).toBe(200);
    const r = await w.client.post(w.client.text('chenjing', '/帮助'));
    expect(r.status).toBe(200);
    await w.fake.waitFor(() => w.fake.delivered('chenjing').length > 0);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const q = w.client.envelope('<xml/>').query;
    const big = `<xml><Encrypt>${'A'.repeat(1024 * 1024 + 10)}</Encrypt></xml>`;
    expect((await w.client.postRaw(big, q)).status).toBe(413);
  });

  it('acknowledges a kind it does not handle (image) without storing or replying', async () => {
    const before = inboxCount();
    const sentBefore = w.fake.sent.length;
    const r = await w.client.post(w.client.image('yangfan'));
    expect(r).toMatchObject({ status: 200, body: '' });
    await w.app.dispatcher.drain('wecom');
    expect(inboxCount()).toBe(before);
    expect(w.fake.sent.length).toBe(sentBefore);
  });

  it('tells an unregistered member how to get registered', async () => {
    await w.client.post(w.client.text('ghost', '/我的漏斗'));
    await w.fake.waitFor(() => w.fake.delivered('ghost').length > 0);
    expect(w.fake.contents('ghost')[0]).toContain('企业微信账号「ghost」');
  });

  it('asks a rep who sent voice to type instead, at most once a day, and keeps the media id', async () => {
    await w.client.post(w.client.voice('zhaolei', 'MEDIA_abc', '770001'));
    await w.fake.waitFor(() => w.fake.delivered('zhaolei').length > 0);
    expect(w.fake.contents('zhaolei')).toEqual([expect.stringContaining('暂时听不了语音')]);
    await w.client.post(w.client.voice('zhaolei', 'MEDIA_def', '770002'));
    await w.until(() => w.app.store.inbox.status('wecom', '770002') === 'processed', 'second voice handled');
    await w.app.dispatcher.drain('wecom');
    expect(w.fake.delivered('zhaolei')).toHaveLength(1);
    const row = w.app.db.prepare("SELECT payload FROM inbox WHERE platform_id = '770001'").get() as { payload: string };
    expect(JSON.parse(row.payload).extra.wecom).toMatchObject({ kind: 'voice', mediaId: 'MEDIA_abc' });
    // The next day the reminder may come again.
    w.clock.advance(24 * 3_600_000);
    await w.client.post(w.client.voice('zhaolei', 'MEDIA_ghi', '770003'));
    await w.fake.waitFor(() => w.fake.delivered('zhaolei').length === 2);
    w.clock.advance(-24 * 3_600_000);
  });

  it('greets a member on the first visit to the app with the help text, and only then', async () => {
    expect(w.fake.contents('yangfan')).toEqual([]);
    await w.client.post(w.client.enterAgent('yangfan'));
    await w.fake.waitFor(() => w.fake.contents('yangfan').length === 2);
    const first = w.fake.contents('yangfan');
    expect(first[0]).toContain('你好，杨帆');
    expect(first[1]).toContain('/我的漏斗');
    w.clock.advance(60_000); // a new CreateTime, so a new event
    await w.client.post(w.client.enterAgent('yangfan'));
    await w.until(() => w.app.store.inbox.unprocessed().length === 0, 'event handled');
    await w.app.dispatcher.drain('wecom');
    expect(w.fake.contents('yangfan')).toEqual(first);
  });
});

describe('official vectors through the running route (golden)', () => {
  it('V1: URL verification and the POSTed 你好 from ChenJiaShun are accepted as WeCom sent them', async () => {
    const clockAtV1 = { now: () => Number(V1.post.timestamp) * 1000 + 1000, advance() {} };
    const w = await startWorld({
      demo: false,
      clock: clockAtV1,
      env: { WECOM_CORP_ID: V1.corpId, WECOM_TOKEN: V1.token, WECOM_ENCODING_AES_KEY: V1.key },
    });
    try {
      const q = new URLSearchParams(V1.get);
      q.delete('plain');
      const get = await fetch(`${w.base}/wecom/callback?${q}`);
      expect(get.status).toBe(200);
      expect(await get.text()).toBe(V1.get.plain);

      const body = `<xml><ToUserName><![CDATA[${V1.corpId}]]></ToUserName><Encrypt><![CDATA[${V1.post.encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
      const post = await w.client.postRaw(body, { msg_signature: V1.post.msg_signature, timestamp: V1.post.timestamp, nonce: V1.post.nonce });
      expect(post).toMatchObject({ status: 200, body: '' });
      expect(w.app.store.inbox.status('wecom', '1456453720')).not.toBeNull();
    } finally {
      await w.close();
    }
  });

  it('V2: the URL-encoded echostr verifies and decrypts', async () => {
    const w = await startWorld({ demo: false, env: { WECOM_CORP_ID: V2.corpId, WECOM_TOKEN: V2.token, WECOM_ENCODING_AES_KEY: V2.key, WECOM_AGENT_ID: '218' } });
    try {
      const q = `msg_signature=${V2.get.msg_signature}&timestamp=${V2.get.timestamp}&nonce=${V2.get.nonce}&echostr=${encodeURIComponent(V2.get.echostr)}`;
      const get = await fetch(`${w.base}/wecom/callback?${q}`);
      expect(get.status).toBe(200);
      expect(await get.text()).toBe(V2.get.plain);
      // Some proxies leave '+' unencoded; it must still verify.
      const raw = await fetch(`${w.base}/wecom/callback?${q.replace(encodeURIComponent(V2.get.echostr), V2.get.echostr)}`);
      expect(await raw.text()).toBe(V2.get.plain);
    } finally {
      await w.close();
    }
  });
});
