/**
 * Stands in for is-in-ci in the bundle. Ink draws only the last frame when a
 * CI variable is set, which left a blank screen until quit wherever CI=true
 * is exported in an interactive shell (some dev containers do). tfui opens
 * its screen only when stdin and stdout are terminals, so it always draws.
 */
const isInCi = false;
export default isInCi;
