/** Two conditions a verdict depends on, as one ("from 10.0.0.0/8, only on interface eth1"). */
export function joinReasons(first: string | undefined, second: string | undefined): string | undefined {
  return first && second ? `${first}, ${second}` : first || second;
}
