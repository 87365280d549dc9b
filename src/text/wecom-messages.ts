// Fixed Chinese sentences of the WeCom channel.
export const WECOM_TEXT = {
  voiceHint: '暂时听不了语音消息。请直接打字，或把客户聊天记录以文字转发给我。发送 /帮助 查看可用命令。',
  welcome: (name: string) => `你好，${name}！我是销售雷达：查漏斗、看储备、收晨报都在这里。常用命令如下：`,
  cardChosen: (label: string) => `已选：${label}`,
  cardDone: '已提交',
};
