import { describe, expect, it } from 'vitest';
import { decodePayload, parseEnvelope, WecomDecodeError, type Decoded } from '../../../src/channels/wecom/decode.ts';

const at = new Date('2026-03-02T02:00:00Z');

function routed(d: Decoded) {
  if (d.kind === 'ignored') throw new Error(`expected a routed payload, got ignored ${d.msgType}`);
  return d.inbound;
}

describe('WeCom payload decoding (fixtures from protocols.md A4)', () => {
  it('reads values with or without CDATA alike', () => {
    const withCdata =
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[lina]]></FromUserName><CreateTime>1772416800</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[/我的漏斗 <a>&]]></Content><MsgId>18446744073709551615</MsgId><AgentID>1000002</AgentID></xml>';
    const plain =
      '<xml><ToUserName>ww1</ToUserName><FromUserName>lina</FromUserName><CreateTime>1772416800</CreateTime><MsgType>text</MsgType><Content>/我的漏斗 &lt;a&gt;&amp;</Content><MsgId>18446744073709551615</MsgId><AgentID>1000002</AgentID></xml>';
    const a = routed(decodePayload(withCdata, at));
    const b = routed(decodePayload(plain, at));
    expect(a.text).toBe('/我的漏斗 <a>&');
    expect(b.text).toBe(a.text);
    // Above 2^53: a JS number would round it to …1600.
    expect(a.id).toBe('18446744073709551615');
    expect(a.replyTarget).toEqual({ channel: 'wecom', address: { userId: 'lina' } });
  });

  it('keeps the voice media id and gives no text (apps get no transcript)', () => {
    const m = routed(
      decodePayload(
        '<xml><ToUserName>ww1</ToUserName><FromUserName>lina</FromUserName><CreateTime>1772416800</CreateTime><MsgType>voice</MsgType><MediaId><![CDATA[MEDIA_1]]></MediaId><Format>amr</Format><MsgId>99</MsgId><AgentID>1000002</AgentID></xml>',
        at,
      ),
    );
    expect(m).toMatchObject({ id: '99', text: '', contentType: 'voice', extra: { wecom: { kind: 'voice', mediaId: 'MEDIA_1', voiceFormat: 'amr' } } });
  });

  it('turns a card click into the command its button key carries, keyed by sender + time + key', () => {
    const xml =
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangwei]]></FromUserName><CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[/反馈 12 完全适用]]></EventKey><TaskId><![CDATA[sr_12_a1]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[RC1]]></ResponseCode><AgentID>1000002</AgentID><SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey><OptionIds><OptionId><![CDATA[o1]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>';
    const m = routed(decodePayload(xml, at));
    expect(m.text).toBe('/反馈 12 完全适用');
    expect(m.id).toBe('evt:zhangwei:123456789:template_card_event:/反馈 12 完全适用:sr_12_a1');
    expect(m.extra).toMatchObject({ wecom: { kind: 'card_click', taskId: 'sr_12_a1', responseCode: 'RC1' } });
  });

  it('keys contact changes by ChangeType and UserID, accepting ChangeType without CDATA', () => {
    const xml =
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1409659589</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType>update_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID><NewUserID><![CDATA[zhangsan001]]></NewUserID><Name><![CDATA[张三]]></Name><Department><![CDATA[1,2,3]]></Department></xml>';
    const m = routed(decodePayload(xml, at));
    expect(m.id).toBe('evt:sys:1409659589:change_contact:update_user:zhangsan');
    expect(m.extra).toMatchObject({ wecom: { kind: 'contact', contact: { UserID: 'zhangsan', NewUserID: 'zhangsan001', Name: '张三' } } });
  });

  it('acknowledges what it does not handle (image, menu clicks, party changes) without an error', () => {
    const image = '<xml><ToUserName>ww1</ToUserName><FromUserName>lina</FromUserName><CreateTime>1</CreateTime><MsgType>image</MsgType><PicUrl>x</PicUrl><MediaId>m</MediaId><MsgId>5</MsgId></xml>';
    expect(decodePayload(image, at)).toMatchObject({ kind: 'ignored', msgType: 'image' });
    const party = '<xml><ToUserName>ww1</ToUserName><FromUserName>sys</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_party</ChangeType><Id>2</Id></xml>';
    expect(decodePayload(party, at)).toMatchObject({ kind: 'ignored', event: 'change_contact/create_party' });
  });

  it('rejects broken XML, DTDs and a known type with missing fields', () => {
    expect(() => decodePayload('not xml', at)).toThrow(WecomDecodeError);
    expect(() => decodePayload('<xml><a></xml>', at)).toThrow(/malformed/);
    expect(() => decodePayload('<!DOCTYPE x [<!ENTITY a "b">]><xml><MsgType>text</MsgType></xml>', at)).toThrow(WecomDecodeError);
    expect(() => decodePayload('<xml><MsgType>text</MsgType><FromUserName>a</FromUserName></xml>', at)).toThrow(/text message/);
    expect(() => decodePayload('<xml><FromUserName>a</FromUserName><MsgId>x1</MsgId><MsgType>text</MsgType><ToUserName>w</ToUserName><CreateTime>1</CreateTime><Content>c</Content></xml>', at)).toThrow(/MsgId/);
    expect(() => parseEnvelope('<xml><ToUserName>w</ToUserName></xml>')).toThrow(/Encrypt/);
  });
});
