// One engine measure in a process of its own, bundled as the server is (bench/run.ts builds it),
// so that no size inherits another's heap and the code runs as it ships.
// Usage: node engine-cost.js SIZE RUNS; prints {"size", "ms"} (the median of RUNS runs).
import { measureEngine } from './engine-cost.js';

const [size, runs] = process.argv.slice(2).map(Number);
process.stdout.write(JSON.stringify(measureEngine(size!, runs!)) + '\n');
