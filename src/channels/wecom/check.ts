// `sales-radar wecom-check`: lets the IT admin test the credentials, the trusted-IP list and
// (optionally) delivery to one member before pointing WeCom's callback at the service.
import type { WecomConfig } from '../../config.ts';
import { createWecomCrypto } from './crypto.ts';
import { createWecomApiClient } from './api-client.ts';
import { classifyError } from './index.ts';

export async function checkWecom(wc: WecomConfig, sendTo?: string): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  const explain = (step: string, error: unknown) => {
    const c = classifyError(error);
    const detail = 'error' in c.result ? c.result.error : String(error);
    lines.push(`✗ ${step}: ${detail}${c.hint ? `\n  hint: ${c.hint}` : ''}`);
  };
  try {
    createWecomCrypto({ token: wc.token, encodingAesKey: wc.encodingAesKey, receiveId: wc.corpId });
    lines.push('✓ Token and EncodingAESKey are well-formed');
  } catch (error) {
    lines.push(`✗ EncodingAESKey: ${(error as Error).message}`);
    return { ok: false, lines };
  }
  const api = createWecomApiClient({ apiBase: wc.apiBase, corpId: wc.corpId, secret: wc.secret, timeoutMs: wc.timeoutMs });
  try {
    await api.accessToken();
    lines.push(`✓ gettoken at ${wc.apiBase}: corp id and secret accepted`);
  } catch (error) {
    explain('gettoken', error);
    return { ok: false, lines };
  }
  if (sendTo) {
    try {
      await api.sendMessage({ touser: sendTo, agentid: wc.agentId, enable_duplicate_check: 0, msgtype: 'text', text: { content: '销售雷达连接测试：收到这条消息说明应用配置正确。' } });
      lines.push(`✓ message/send to ${sendTo}: accepted (agent id, trusted IP and visible range are fine)`);
    } catch (error) {
      explain(`message/send to ${sendTo}`, error);
      return { ok: false, lines };
    }
  }
  lines.push('Callback URL to enter in the WeCom console: https://<your public host>/wecom/callback');
  return { ok: true, lines };
}
