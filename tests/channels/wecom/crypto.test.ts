import { describe, expect, it } from 'vitest';
import { CRYPTO_ERRORS, createWecomCrypto } from '../../../src/channels/wecom/crypto.ts';
import { decodePayload } from '../../../src/channels/wecom/decode.ts';
import { createCallbackClient } from '../../fakes/wecom-callback-client.ts';
import { V1, V2, V4 } from './vectors.ts';

const at = new Date(0);

describe('WeCom callback crypto: official vectors (golden)', () => {
  it('V1 (weworkapi_python Sample.py): verifies and decrypts the GET echostr and the POST message', () => {
    const c = createWecomCrypto({ token: V1.token, encodingAesKey: V1.key, receiveId: V1.corpId });
    expect(c.verify(V1.get.msg_signature, V1.get.timestamp, V1.get.nonce, V1.get.echostr)).toBe(true);
    expect(c.decrypt(V1.get.echostr)).toBe(V1.get.plain);
    expect(c.verify(V1.post.msg_signature, V1.post.timestamp, V1.post.nonce, V1.post.encrypt)).toBe(true);
    expect(c.decrypt(V1.post.encrypt)).toBe(V1.post.plain);
  });

  it('V1 decodes to the text 你好 from ChenJiaShun with MsgId 1456453720', () => {
    const c = createWecomCrypto({ token: V1.token, encodingAesKey: V1.key, receiveId: V1.corpId });
    const d = decodePayload(c.decrypt(V1.post.encrypt), at);
    expect(d.kind).toBe('text');
    if (d.kind === 'ignored') throw new Error('unreachable');
    expect(d.inbound).toMatchObject({ id: '1456453720', senderId: 'ChenJiaShun', text: '你好', channel: 'wecom' });
  });

  it('V2 (WeCom doc example): 30-byte padding decrypts; the 64-bit MsgId stays exact as a string', () => {
    const c = createWecomCrypto({ token: V2.token, encodingAesKey: V2.key, receiveId: V2.corpId });
    expect(c.verify(V2.get.msg_signature, V2.get.timestamp, V2.get.nonce, V2.get.echostr)).toBe(true);
    expect(c.decrypt(V2.get.echostr)).toBe(V2.get.plain);
    expect(c.verify(V2.post.msg_signature, V2.post.timestamp, V2.post.nonce, V2.post.encrypt)).toBe(true);
    const d = decodePayload(c.decrypt(V2.post.encrypt), at);
    if (d.kind === 'ignored') throw new Error('V2 should decode to a message');
    expect(d.inbound).toMatchObject({ id: '4561255354251345929', senderId: 'mycreate', text: 'hello' });
    expect(d.inbound.extra).toMatchObject({ wecom: { agentId: '218' } });
  });

  it('the test client builds V4 byte for byte (encrypt and signature)', () => {
    const client = createCallbackClient({ url: 'http://unused', token: V1.token, encodingAesKey: V1.key, corpId: V1.corpId, agentId: V1.agentId });
    const e = client.envelope(V4.msg, { timestamp: V4.timestamp, nonce: V4.nonce, random: Buffer.from(V4.random) });
    expect(e.encrypt).toBe(V4.encrypt);
    expect(e.query.msg_signature).toBe(V4.signature);
    const c = createWecomCrypto({ token: V1.token, encodingAesKey: V1.key, receiveId: V1.corpId });
    expect(c.decrypt(e.encrypt)).toBe(V4.msg);
  });

  it('refuses a wrong signature, another corp id and garbage ciphertext with the SDK codes', () => {
    const c = createWecomCrypto({ token: V1.token, encodingAesKey: V1.key, receiveId: V1.corpId });
    expect(c.verify(V1.post.msg_signature.replace(/.$/, '0'), V1.post.timestamp, V1.post.nonce, V1.post.encrypt)).toBe(false);
    expect(c.verify(V1.post.msg_signature, String(Number(V1.post.timestamp) + 1), V1.post.nonce, V1.post.encrypt)).toBe(false);

    const other = createWecomCrypto({ token: V1.token, encodingAesKey: V1.key, receiveId: 'ww-someone-else' });
    expect(() => other.decrypt(V1.post.encrypt)).toThrow(expect.objectContaining({ code: CRYPTO_ERRORS.receiveIdMismatch }));

    const wrongKey = createWecomCrypto({ token: V2.token, encodingAesKey: V2.key, receiveId: V1.corpId });
    expect(() => wrongKey.decrypt(V1.post.encrypt)).toThrow(expect.objectContaining({ code: CRYPTO_ERRORS.decryptFailed }));
    for (const junk of ['', 'not base64 at all!!', Buffer.alloc(33).toString('base64'), Buffer.alloc(64, 7).toString('base64'), Buffer.alloc(96, 200).toString('base64')]) {
      expect(() => c.decrypt(junk)).toThrow(expect.objectContaining({ code: CRYPTO_ERRORS.decryptFailed }));
    }
  });
});
