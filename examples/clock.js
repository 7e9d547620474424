// A clock: one line a second, the way a scheduler process ticks.
const tick = () => console.log(`tick ${new Date().toLocaleTimeString('en-GB')}`);
tick();
setInterval(tick, 1000);
