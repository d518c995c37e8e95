import type { LineIndex } from '../../core/text.js';
import type { Word } from '../iptables/syntax.js';

/** How a file names a module. */
export type MentionRole = 'load' | 'alias-target' | 'options' | 'blacklist' | 'install';

export interface ModuleMention { name: Word; role: MentionRole }

/** What every module-related file offers the module rules: its module names, in load order. */
export interface ModuleFile {
  path: string;
  text: string;
  lines: LineIndex;
  mentions: ModuleMention[];
}
