// Plays one stream of the fidelity corpus (a JSON file of base64 streams) once its terminal has the
// size asked for (a pane is resized when it is zoomed), then sets its title to say so and stays, as a
// program whose pane is being looked at.
import { readFileSync } from 'node:fs';

const [file, name, cols, rows] = process.argv.slice(2);
const bytes = Buffer.from(JSON.parse(readFileSync(file, 'utf8'))[name], 'base64');
const ready = () => process.stdout.columns === Number(cols) && process.stdout.rows === Number(rows);
const play = () => process.stdout.write(Buffer.concat([bytes, Buffer.from(`\x1b]2;played ${name}\x07`)]));
if (ready()) play();
else {
  process.stdout.on('resize', function onResize() {
    if (!ready()) return;
    process.stdout.off('resize', onResize);
    play();
  });
}
setInterval(() => {}, 1 << 30);
