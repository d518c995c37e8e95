import type { FileRule } from '../../../core/rule.js';
import type { VsftpdDocument } from '../document.js';

export type VsftpdRule = FileRule<VsftpdDocument>;
