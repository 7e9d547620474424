// A worker that logs coloured lines and draws a `\r` progress bar per batch.
const batch = Number(process.env.WORKER_BATCH ?? 40);
const levels = [
  ['\x1b[36mINFO \x1b[0m', 'picked up job'],
  ['\x1b[33mWARN \x1b[0m', 'slow query (212 ms)'],
  ['\x1b[32mDONE \x1b[0m', 'job finished'],
];
let job = 0;

function runBatch() {
  job += 1;
  const [level, text] = levels[job % levels.length];
  console.log(`${level} ${text} #${job}`);
  let done = 0;
  const timer = setInterval(() => {
    done += 1;
    const width = 30;
    const filled = Math.round((done / batch) * width);
    process.stdout.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.round((done / batch) * 100)).padStart(3)}%`);
    if (done === batch) {
      clearInterval(timer);
      process.stdout.write('\n');
      setTimeout(runBatch, 1500);
    }
  }, 50);
}

runBatch();
