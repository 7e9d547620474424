export { claimSocket, listenControl, type ControlServer } from './server.js';
export { ControlClient, askHello, describeConnectError } from './client.js';
export { socketPathFor, socketFolder, socketPathLimit, ensurePrivateFolder } from './socket-path.js';
export * from './protocol.js';
