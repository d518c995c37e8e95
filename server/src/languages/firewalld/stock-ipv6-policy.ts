/**
 * The policy firewalld ships as /usr/lib/firewalld/policies/allow-host-ipv6.xml (priority -15000,
 * from any zone to the host), as firewalld 1.3.3 loads it (`nft list ruleset`): it accepts the
 * ICMPv6 of neighbour discovery, so even a zone whose target is DROP lets the host's neighbours
 * find it. A host file of its name replaces it.
 */
export const STOCK_IPV6_POLICY = { name: 'allow-host-ipv6', priority: -15000, accepts: ['nd-neighbor-advert', 'nd-neighbor-solicit', 'nd-router-advert', 'nd-redirect'] } as const;
