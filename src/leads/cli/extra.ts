import type { Command } from 'commander';
import type { Config } from '../../config/config';
import { funnelCommands } from '../../funnel/cli';
import { webhooksCommand } from '../../webhook/cli';
import type { Io, Opened } from './program';

/** Commands of other concepts (the webhook's dead letters, the funnel), added to the same program. */
export interface CommandContext {
  open: () => Promise<Opened>;
  io: Io;
  config: Config;
  setCode: (code: number) => void;
}

export const extraCommands: ((program: Command, ctx: CommandContext) => void)[] = [webhooksCommand, funnelCommands];
