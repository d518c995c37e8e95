import { anonymousLogin, anonymousLoginByDefault } from './anonymous-login.js';
import { anonymousWrite } from './anonymous-write.js';
import { badBoolean } from './bad-boolean.js';
import { badListenAddress } from './bad-listen-address.js';
import { badNumber } from './bad-number.js';
import { beyondSizeLimit } from './beyond-size-limit.js';
import { cleartextLogin } from './cleartext-login.js';
import { directivesRunTogether } from './directives-run-together.js';
import { duplicateDirective } from './duplicate-directive.js';
import { ignoredInInetdMode } from './ignored-in-inetd-mode.js';
import { indentedComment } from './indented-comment.js';
import { inlineComment } from './inline-comment.js';
import { listenAndListenIpv6 } from './listen-and-listen-ipv6.js';
import { missingValue } from './missing-value.js';
import { noDataMode } from './no-data-mode.js';
import { noLoginAllowed } from './no-login-allowed.js';
import { numberOutOfRange } from './number-out-of-range.js';
import { pasvAddressInvalid } from './pasv-address-invalid.js';
import { pasvNoRange } from './pasv-no-range.js';
import { pasvRangeInverted } from './pasv-range-inverted.js';
import { pasvRangeOutOfBounds } from './pasv-range-out-of-bounds.js';
import { pasvPromiscuous, portPromiscuous } from './promiscuous.js';
import type { VsftpdRule } from './rule-type.js';
import { spaceBeforeEquals } from './space-before-equals.js';
import { startupCheck } from './startup-check.js';
import { unknownDirective } from './unknown-directive.js';
import { valueWhitespace } from './value-whitespace.js';
import { writableChroot } from './writable-chroot.js';

/** Every vsftpd.conf rule; registering a rule here makes it reach the CLI, the server, SARIF and the docs. */
export const vsftpdRules: readonly VsftpdRule[] = [
  unknownDirective, spaceBeforeEquals, missingValue, badBoolean, indentedComment,
  listenAndListenIpv6, ignoredInInetdMode, noLoginAllowed, startupCheck, badListenAddress,
  directivesRunTogether, inlineComment, valueWhitespace, badNumber, numberOutOfRange,
  duplicateDirective, beyondSizeLimit,
  pasvRangeInverted, pasvRangeOutOfBounds, pasvNoRange, noDataMode, pasvAddressInvalid,
  anonymousLoginByDefault, anonymousLogin, anonymousWrite, cleartextLogin, pasvPromiscuous, portPromiscuous, writableChroot,
];
