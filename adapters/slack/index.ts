export { type SlackHandle, type SlackOptions, startSlack } from './start.js';
