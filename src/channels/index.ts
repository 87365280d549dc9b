// The platform channels enabled by configuration. WeCom and DingTalk add themselves here;
// core/, commands/ and domain/ never import a channel.
import type { Router as ExpressRouter } from 'express';
import type { Channel } from '../core/channel.ts';
import type { Services } from '../core/context.ts';
import type { Router } from '../core/router.ts';
import type { Config } from '../config.ts';
import { createDingtalkChannel } from './dingtalk/index.ts';
import type { ChannelName } from '../core/message.ts';
import { createWecomChannel } from './wecom/index.ts';

export interface ChannelDeps {
  router: Router;
  services: Services;
  /** Asks the outbox to send what a channel queued itself (e.g. a greeting), without waiting for the poll. */
  notify?: (channel: ChannelName) => void;
}

export interface ChannelModule {
  channel: Channel;
  /** HTTP routes mounted on the app's server (e.g. a callback URL). */
  routes?: { path: string; router: ExpressRouter };
}

export function createConfiguredChannels(config: Config, deps: ChannelDeps): ChannelModule[] {
  const modules: ChannelModule[] = [];
  if (config.dingtalk) modules.push(createDingtalkChannel(config.dingtalk, deps));
  if (config.wecom) modules.push(createWecomChannel(config.wecom, deps));
  return modules;
}
