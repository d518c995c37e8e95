import type { FileRule } from '../../../core/rule.js';
import type { FirewallDocument } from '../document.js';

export type FirewallRule = FileRule<FirewallDocument>;
