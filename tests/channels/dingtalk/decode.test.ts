import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeRobotFrame, spokenCommand } from '../../../src/channels/dingtalk/decode.ts';
import type { StreamFrame } from '../../../src/channels/dingtalk/wire-types.ts';

const fixture = (name: string): StreamFrame =>
  JSON.parse(readFileSync(new URL(`../../fixtures/dingtalk/${name}.json`, import.meta.url), 'utf8')) as StreamFrame;

function decodeOk(frame: StreamFrame) {
  const r = decodeRobotFrame(frame, 0);
  if (!r.ok) throw new Error(r.reason);
  return r.inbound;
}

describe('DingTalk robot frame decoding', () => {
  it('reads a group text message: msgId, staffId, @-mention stripped, reply address kept', () => {
    const m = decodeOk(fixture('robot-text-group'));
    expect(m).toMatchObject({
      id: 'msgLICYeAbCdEf==',
      channel: 'dingtalk',
      senderId: '16650123456789698',
      text: '/我的漏斗',
      conversation: { id: 'cidAsXSBLnA==', kind: 'group' },
      mentionsBot: true,
      contentType: 'text',
    });
    expect(m.receivedAt.getTime()).toBe(1690362101894);
    expect(m.replyTarget.address).toEqual({
      staffId: '16650123456789698',
      conversationId: 'cidAsXSBLnA==',
      conversationKind: 'group',
      sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=abc',
      sessionWebhookExpiredTime: '1690367502152',
    });
  });

  it('takes the recognition text of an audio message', () => {
    const m = decodeOk(fixture('robot-audio-direct'));
    expect(m).toMatchObject({ text: '我的漏斗。', contentType: 'voice', conversation: { kind: 'direct' }, mentionsBot: true });
    expect(m.extra).toMatchObject({ msgtype: 'audio', downloadCode: 'dlcode-audio' });
  });

  it('joins the text parts of rich text and skips pictures', () => {
    expect(decodeOk(fixture('robot-richtext-direct')).text).toBe('/储备 T3');
  });

  it('keeps audio without recognition as an empty voice message', () => {
    const frame = fixture('robot-audio-direct');
    const data = JSON.parse(frame.data);
    delete data.content.recognition;
    expect(decodeOk({ ...frame, data: JSON.stringify(data) })).toMatchObject({ text: '', contentType: 'voice' });
  });

  it('marks a group message without @robot as not mentioning the bot', () => {
    const frame = fixture('robot-text-group');
    const data = { ...JSON.parse(frame.data), isInAtList: false };
    expect(decodeOk({ ...frame, data: JSON.stringify(data) }).mentionsBot).toBe(false);
  });

  it('falls back to the frame messageId and the opaque senderId for external senders', () => {
    const frame = fixture('robot-text-group');
    const { msgId: _drop, senderStaffId: _staff, ...data } = JSON.parse(frame.data);
    const m = decodeOk({ ...frame, data: JSON.stringify(data) });
    expect(m.id).toBe('212ca9d7_974_1898c159aa6_1783b');
    expect(m.senderId).toBe('$:LWCP_v1:$abc');
    expect(m.replyTarget.address.staffId).toBeUndefined();
  });

  it('rejects data that is not JSON or lacks the conversation', () => {
    const frame = fixture('robot-text-group');
    expect(decodeRobotFrame({ ...frame, data: '{broken' }, 0)).toEqual({ ok: false, reason: 'frame data is not JSON' });
    const r = decodeRobotFrame({ ...frame, data: JSON.stringify({ msgtype: 'text', text: { content: 'hi' } }) }, 0);
    expect(r.ok).toBe(false);
  });
});

describe('spoken commands', () => {
  const isCommand = (name: string) => ['/我的漏斗', '/储备'].includes(name);
  it('turns a recognised command name into the command', () => {
    expect(spokenCommand('我的漏斗。', isCommand)).toBe('/我的漏斗');
    expect(spokenCommand('储备 T3', isCommand)).toBe('/储备 T3');
  });
  it('leaves other speech alone', () => {
    expect(spokenCommand('客户说预算还没批下来。', isCommand)).toBe('客户说预算还没批下来。');
    expect(spokenCommand('', isCommand)).toBe('');
  });
});
