// `node --import <this file> dist/src/main/index.js`: `electron` becomes the recording stand-in.
import { register } from 'node:module';

register('./electron-hooks.js', import.meta.url);
