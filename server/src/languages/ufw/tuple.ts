/**
 * ufw's `### tuple ###` comment lines in user.rules: how ufw records each rule it was given
 * (action, protocol, destination port and address, source port and address, optional
 * application names, direction, and a hex comment), read back as `ufw status` lists the rule.
 */
export function describeTuple(line: string): string | undefined {
  const match = /^### tuple ### (.*)$/.exec(line.trim());
  if (!match) return undefined;
  const words = match[1]!.split(' ');
  const comment = words.at(-1)?.startsWith('comment=') ? words.pop()!.slice('comment='.length) : undefined;
  // Seven fields, or nine with the application names (dapp, sapp) before the direction.
  if (words.length !== 7 && words.length !== 9) return undefined;
  const [action = '', protocol = '', dport = '', dst = '', sport = '', src = ''] = words;
  const direction = words.at(-1)!;
  const apps = words.length === 9 ? { to: words[6]!, from: words[7]! } : undefined;
  const anywhere = (address: string) => (address === '0.0.0.0/0' || address === '::/0' ? 'Anywhere' : address);
  const side = (address: string, port: string, app: string | undefined) => {
    if (app && app !== '-') return `${anywhere(address) === 'Anywhere' ? '' : `${address} `}${app.replace(/%20/g, ' ')}`;
    const named = port === 'any' ? '' : `${port}${protocol === 'any' ? '' : `/${protocol}`}`;
    return anywhere(address) === 'Anywhere' ? named || 'Anywhere' : `${address}${named ? ` ${named}` : ''}`;
  };
  const text = decodeComment(comment);
  return `\`ufw status\` lists it as: **${side(dst, dport, apps?.to)}** ${action.toUpperCase()} ${direction.toUpperCase()} **${side(src, sport, apps?.from)}**${text ? ` (comment: ${text})` : ''}. ufw rewrites this file on every \`ufw\` command and keeps only the rules that have a tuple line.`;
}

function decodeComment(hex: string | undefined): string | undefined {
  if (!hex || !/^([0-9a-f]{2})+$/i.test(hex)) return undefined;
  return Buffer.from(hex, 'hex').toString('utf8');
}
