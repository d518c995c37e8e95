// Preloaded into the measured process: reports its peak resident memory and its minor page faults when it exits.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nftpwall-bench-peak-rss-kb ${usage.maxRSS}\nftpwall-bench-minor-faults ${usage.minorPageFault}\n`);
});
