// Preloaded into the measured process: reports its peak resident memory when it exits.
process.on('exit', () => { process.stderr.write(`\nftpwall-bench-peak-rss-kb ${process.resourceUsage().maxRSS}\n`); });
