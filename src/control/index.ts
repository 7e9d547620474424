export { claimSocket, listenControl, type ControlServer } from './server.js';
export { ControlClient, askHello, connectToProject, describeConnectError } from './client.js';
export { socketPathFor, socketPathCandidates, socketFolder, socketFolders, socketPathLimit, ensurePrivateFolder } from './socket-path.js';
export * from './protocol.js';
